/* The C face of the canary test: a client resolved from the environment (the canary
 * credential) GETs each path given (the test arranges a retry, a redirect elsewhere, an
 * error body echoing the secret, and a 404); every error's kind and message is printed. */
#include <stdio.h>

#include <spotdraft.h>

static void call(spotdraft_client *client, const char *path) {
    spotdraft_response *response = NULL;
    spotdraft_error *err = NULL;
    if (spotdraft_client_request(client, "GET", path, NULL, &response, &err) == SPOTDRAFT_OK) {
        printf("GET %s: HTTP %u\n", path, (unsigned)spotdraft_response_status(response));
    } else {
        printf("GET %s: %s: %s (HTTP %u)\n", path, spotdraft_error_kind(err), spotdraft_error_message(err),
               (unsigned)spotdraft_error_http_status(err));
    }
    spotdraft_response_free(response);
    spotdraft_error_free(err);
}

int main(int argc, char **argv) {
    if (argc < 2) return 2;
    spotdraft_error *err = NULL;
    spotdraft_client_builder *builder = spotdraft_client_builder_new(NULL);
    spotdraft_client *client = NULL;
    if (spotdraft_client_builder_set_rate_limit(builder, 0, &err) != SPOTDRAFT_OK ||
        spotdraft_client_builder_set_max_attempts(builder, 4, &err) != SPOTDRAFT_OK) {
        printf("settings: %s\n", spotdraft_error_message(err));
        spotdraft_error_free(err);
        spotdraft_client_builder_free(builder);
        return 1;
    }
    if (spotdraft_client_builder_build(builder, &client, &err) != SPOTDRAFT_OK) {
        printf("build: %s\n", spotdraft_error_message(err));
        spotdraft_error_free(err);
        return 1;
    }
    for (int i = 1; i < argc; i++) call(client, argv[i]);
    spotdraft_client_free(client);
    return 0;
}
