/* One C writer of the cross-face store test: saves PROFILES profiles named PREFIX-0.. into
 * the store in DIR, each with the secret "secret-PREFIX-i-0123456789". */
#include <stdio.h>
#include <stdlib.h>

#include <spotdraft.h>

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: %s DIR PREFIX PROFILES\n", argv[0]);
        return 2;
    }
    const char *dir = argv[1], *prefix = argv[2];
    int profiles = atoi(argv[3]);
    spotdraft_error *err = NULL;
    spotdraft_store *store = NULL;
    if (spotdraft_store_open(dir, &store, &err) != SPOTDRAFT_OK) {
        fprintf(stderr, "open: %s\n", spotdraft_error_message(err));
        spotdraft_error_free(err);
        return 1;
    }
    int failed = 0;
    for (int i = 0; i < profiles && !failed; i++) {
        char name[64], secret[96];
        snprintf(name, sizeof name, "%s-%d", prefix, i);
        snprintf(secret, sizeof secret, "secret-%s-%d-0123456789", prefix, i);
        spotdraft_credential *credential = NULL;
        if (spotdraft_credential_new("cross-face-id", secret, NULL, &credential, &err) != SPOTDRAFT_OK ||
            spotdraft_store_save(store, name, credential, NULL, false, &err) != SPOTDRAFT_OK) {
            fprintf(stderr, "%s: %s\n", name, spotdraft_error_message(err));
            spotdraft_error_free(err);
            failed = 1;
        }
        spotdraft_credential_free(credential);
    }
    spotdraft_store_free(store);
    return failed;
}
