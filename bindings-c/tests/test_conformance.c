/* Runs every scenario in tests/conformance/ (the folder is argv[1]) against the sandbox,
 * as the scenario README describes, through libspotdraft's C interface. */
#define _POSIX_C_SOURCE 200809L
#include <cJSON.h>
#include <dirent.h>
#include <stdlib.h>
#include <time.h>

#include "harness.h"

#define WRONG_SECRET "wrong-secret-for-conformance"

static char *read_file(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *text = malloc((size_t)size + 1);
    if (text && fread(text, 1, (size_t)size, f) != (size_t)size) {
        free(text);
        text = NULL;
    }
    if (text) text[size] = 0;
    fclose(f);
    return text;
}

static int by_name(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static double now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1000.0 + (double)t.tv_nsec / 1e6;
}

/* Appends `text` to `out`, percent-encoding everything but unreserved characters. */
static void append_encoded(char *out, size_t cap, const char *text) {
    size_t n = strlen(out);
    for (const unsigned char *p = (const unsigned char *)text; *p && n + 4 < cap; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || strchr("-._~", *p))
            out[n++] = (char)*p;
        else
            n += (size_t)snprintf(out + n, cap - n, "%%%02X", *p);
    }
    out[n] = 0;
}

static const char *string_field(const cJSON *object, const char *name) {
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(object, name);
    return cJSON_IsString(item) ? item->valuestring : NULL;
}

static int number_field(const cJSON *object, const char *name, double *value) {
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(object, name);
    if (!cJSON_IsNumber(item)) return 0;
    *value = item->valuedouble;
    return 1;
}

/* The fields this runner knows, level by level: any other is refused, so a field added to a
 * scenario cannot be silently skipped here. */
static const char *const SCENARIO_FIELDS[] = {"name",   "description", "credential", "faults",
                                              "client", "before",      "request",    "expect", NULL};
static const char *const CREDENTIAL_FIELDS[] = {"secret", "user_email", NULL};
static const char *const CLIENT_FIELDS[] = {"base_url", "attempt_timeout_ms", "total_timeout_ms", "max_body_size",
                                            NULL};
static const char *const BEFORE_FIELDS[] = {"method", "path", "query", "body", "wait_after_ms", NULL};
static const char *const REQUEST_FIELDS[] = {"method", "path", "query", "body", NULL};
static const char *const EXPECT_FIELDS[] = {
    "ok",           "status",           "error",          "attempts", "requests_logged", "retryable",
    "code",         "field_errors",     "message_contains", "message_excludes", "json_has", "min_elapsed_ms",
    "max_elapsed_ms", NULL};

/* Counts (and names on stderr) the members of `object` not in `known`. */
static int unknown_in(const char *name, const char *where, const cJSON *object, const char *const *known) {
    int unknown = 0;
    const cJSON *member;
    cJSON_ArrayForEach(member, object) {
        const char *const *k = known;
        while (*k && strcmp(*k, member->string) != 0) k++;
        if (!*k) {
            fprintf(stderr, "%s: unknown %s field %s\n", name, where, member->string);
            unknown++;
        }
    }
    return unknown;
}

static int unknown_fields(const char *name, const cJSON *scenario) {
    int unknown = unknown_in(name, "scenario", scenario, SCENARIO_FIELDS);
    unknown += unknown_in(name, "credential", cJSON_GetObjectItemCaseSensitive(scenario, "credential"),
                          CREDENTIAL_FIELDS);
    unknown += unknown_in(name, "client", cJSON_GetObjectItemCaseSensitive(scenario, "client"), CLIENT_FIELDS);
    unknown += unknown_in(name, "request", cJSON_GetObjectItemCaseSensitive(scenario, "request"), REQUEST_FIELDS);
    unknown += unknown_in(name, "expect", cJSON_GetObjectItemCaseSensitive(scenario, "expect"), EXPECT_FIELDS);
    const cJSON *before;
    cJSON_ArrayForEach(before, cJSON_GetObjectItemCaseSensitive(scenario, "before"))
        unknown += unknown_in(name, "before", before, BEFORE_FIELDS);
    return unknown;
}

/* The checker itself: a misspelt field at each level must be caught. */
static void unknown_fields_are_refused(void) {
    static const char *const misspelt[] = {
        "{\"befor\": []}",
        "{\"client\": {\"baseurl\": \"x\"}}",
        "{\"before\": [{\"method\": \"GET\", \"path\": \"/\", \"wait_ms\": 1}]}",
        "{\"request\": {\"querry\": {}}}",
        "{\"expect\": {\"max_elapsed\": 5}}",
        "{\"credential\": {\"email\": \"x\"}}",
    };
    for (size_t i = 0; i < sizeof misspelt / sizeof misspelt[0]; i++) {
        cJSON *scenario = cJSON_Parse(misspelt[i]);
        CHECK(scenario && unknown_fields("(self-test, refused as it should be)", scenario) == 1, "not refused: %s", misspelt[i]);
        cJSON_Delete(scenario);
    }
}

/* The request's path with its `query` object appended, percent-encoded. */
static void path_with_query(const cJSON *request, char *path, size_t cap) {
    const char *base = string_field(request, "path");
    snprintf(path, cap, "%s", base ? base : "");
    const cJSON *pair;
    char separator = strchr(path, '?') ? '&' : '?';
    cJSON_ArrayForEach(pair, cJSON_GetObjectItemCaseSensitive(request, "query")) {
        size_t n = strlen(path);
        snprintf(path + n, cap - n, "%c", separator);
        separator = '&';
        append_encoded(path, cap, pair->string);
        n = strlen(path);
        snprintf(path + n, cap - n, "=");
        append_encoded(path, cap, cJSON_IsString(pair) ? pair->valuestring : "");
    }
}

/* Sends a `request`-shaped object (method, path, query, body) with `client`. */
static spotdraft_status send(const spotdraft_client *client, const cJSON *request, spotdraft_response **response,
                             spotdraft_error **err) {
    char path[2048];
    path_with_query(request, path, sizeof path);
    const cJSON *body_json = cJSON_GetObjectItemCaseSensitive(request, "body");
    char *body = body_json ? cJSON_PrintUnformatted(body_json) : NULL;
    spotdraft_status status = spotdraft_client_request(client, string_field(request, "method"), path, body, response, err);
    cJSON_free(body);
    return status;
}

static void sleep_ms(double ms) {
    struct timespec t = {(time_t)(ms / 1000), (long)((ms - (double)(time_t)(ms / 1000) * 1000) * 1e6)};
    while (nanosleep(&t, &t) != 0) {
    }
}

static void run_scenario(const spotdraft_sandbox *sandbox, const char *file, const cJSON *scenario) {
    const char *name = string_field(scenario, "name");
    if (!name) name = file;
    if (unknown_fields(name, scenario) != 0) {
        CHECK(0, "%s: fields this runner does not know (see above)", name);
        return;
    }
    spotdraft_error *err = NULL;
    const cJSON *fault;
    cJSON_ArrayForEach(fault, cJSON_GetObjectItemCaseSensitive(scenario, "faults")) {
        char *rule = cJSON_PrintUnformatted(fault);
        CHECK(spotdraft_sandbox_inject_fault(sandbox, rule, &err) == SPOTDRAFT_OK, "%s: fault %s: %s", name, rule,
              error_text(err));
        spotdraft_error_free(err);
        err = NULL;
        cJSON_free(rule);
    }

    const cJSON *credential = cJSON_GetObjectItemCaseSensitive(scenario, "credential");
    const char *secret_name = string_field(credential, "secret");
    const char *secret = spotdraft_sandbox_demo_client_secret();
    if (secret_name && strcmp(secret_name, "wrong") == 0) secret = WRONG_SECRET;
    spotdraft_client_builder *builder =
        sandbox_client_builder(sandbox, secret, string_field(credential, "user_email"), 4, 10000);
    if (!builder) return;
    /* Client settings the scenario changes from the defaults above. A setting the client
     * refuses is the scenario's outcome, like a failed request: nothing was sent. */
    const cJSON *settings = cJSON_GetObjectItemCaseSensitive(scenario, "client");
    const cJSON *setting;
    spotdraft_status status = SPOTDRAFT_OK;
    cJSON_ArrayForEach(setting, settings) {
        uint64_t value = cJSON_IsNumber(setting) ? (uint64_t)setting->valuedouble : 0;
        if (strcmp(setting->string, "base_url") == 0) {
            status = spotdraft_client_builder_set_base_url(builder, cJSON_IsString(setting) ? setting->valuestring : "",
                                                           &err);
        } else if (strcmp(setting->string, "attempt_timeout_ms") == 0) {
            status = spotdraft_client_builder_set_attempt_timeout_ms(builder, value, &err);
        } else if (strcmp(setting->string, "total_timeout_ms") == 0) {
            status = spotdraft_client_builder_set_timeout_ms(builder, value, &err);
        } else if (strcmp(setting->string, "max_body_size") == 0) {
            status = spotdraft_client_builder_set_max_body_size(builder, value, &err);
        }
        if (status != SPOTDRAFT_OK) break;
    }
    spotdraft_client *client = NULL;
    if (status == SPOTDRAFT_OK) {
        status = spotdraft_client_builder_build(builder, &client, &err);
    } else {
        spotdraft_client_builder_free(builder);
    }

    const cJSON *before;
    cJSON_ArrayForEach(before, cJSON_GetObjectItemCaseSensitive(scenario, "before")) {
        if (status != SPOTDRAFT_OK) break;
        spotdraft_response *warm_up = NULL;
        spotdraft_status sent = send(client, before, &warm_up, &err);
        CHECK(sent == SPOTDRAFT_OK, "%s: request in before: %s", name, error_text(err));
        spotdraft_response_free(warm_up);
        if (sent != SPOTDRAFT_OK) {
            spotdraft_error_free(err);
            spotdraft_client_free(client);
            return;
        }
        double wait = 0;
        if (number_field(before, "wait_after_ms", &wait)) sleep_ms(wait);
    }

    spotdraft_response *response = NULL;
    double started = now_ms();
    if (status == SPOTDRAFT_OK)
        status = send(client, cJSON_GetObjectItemCaseSensitive(scenario, "request"), &response, &err);
    double elapsed = now_ms() - started;

    const cJSON *expect = cJSON_GetObjectItemCaseSensitive(scenario, "expect");
    int expect_ok = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(expect, "ok"));
    double number;
    CHECK((status == SPOTDRAFT_OK) == expect_ok, "%s: status %u, ok expected %d (%s)", name, (unsigned)status,
          expect_ok, error_text(err));
    if (status == SPOTDRAFT_OK && expect_ok) {
        if (number_field(expect, "status", &number))
            CHECK(spotdraft_response_status(response) == (uint16_t)number, "%s: HTTP %u", name,
                  spotdraft_response_status(response));
        if (number_field(expect, "attempts", &number))
            CHECK(spotdraft_response_attempts(response) == (uint32_t)number, "%s: attempts %u", name,
                  spotdraft_response_attempts(response));
        size_t len = 0;
        const uint8_t *bytes = spotdraft_response_body(response, &len);
        cJSON *answer = cJSON_ParseWithLength((const char *)bytes, len);
        const cJSON *key;
        cJSON_ArrayForEach(key, cJSON_GetObjectItemCaseSensitive(expect, "json_has"))
            CHECK(cJSON_GetObjectItemCaseSensitive(answer, key->valuestring) != NULL, "%s: answer has no %s", name,
                  key->valuestring);
        cJSON_Delete(answer);
    } else if (status != SPOTDRAFT_OK && !expect_ok) {
        const char *message = spotdraft_error_message(err);
        CHECK(strstr(message, spotdraft_sandbox_demo_client_secret()) == NULL && strstr(message, WRONG_SECRET) == NULL,
              "%s: secret in error text", name);
        CHECK(spotdraft_error_status(err) == status, "%s: error status", name);
        const char *kind = string_field(expect, "error");
        if (kind) CHECK(strcmp(spotdraft_error_kind(err), kind) == 0, "%s: kind %s != %s", name,
                        spotdraft_error_kind(err), kind);
        if (number_field(expect, "status", &number))
            CHECK(spotdraft_error_http_status(err) == (uint16_t)number, "%s: HTTP %u", name,
                  spotdraft_error_http_status(err));
        if (number_field(expect, "attempts", &number))
            CHECK(spotdraft_error_attempts(err) == (uint32_t)number, "%s: attempts %u", name,
                  spotdraft_error_attempts(err));
        const cJSON *retryable = cJSON_GetObjectItemCaseSensitive(expect, "retryable");
        if (cJSON_IsBool(retryable))
            CHECK(spotdraft_error_retryable(err) == (bool)cJSON_IsTrue(retryable), "%s: retryable", name);
        const char *code = string_field(expect, "code");
        if (code)
            CHECK(spotdraft_error_sd_code(err) && strcmp(spotdraft_error_sd_code(err), code) == 0, "%s: code %s",
                  name, spotdraft_error_sd_code(err) ? spotdraft_error_sd_code(err) : "(none)");
        cJSON *fields = cJSON_Parse(spotdraft_error_field_errors_json(err));
        const cJSON *field;
        cJSON_ArrayForEach(field, cJSON_GetObjectItemCaseSensitive(expect, "field_errors"))
            CHECK(cJSON_GetObjectItemCaseSensitive(fields, field->valuestring) != NULL, "%s: no field error for %s",
                  name, field->valuestring);
        cJSON_Delete(fields);
        const cJSON *needle;
        cJSON_ArrayForEach(needle, cJSON_GetObjectItemCaseSensitive(expect, "message_contains"))
            CHECK(strstr(message, needle->valuestring) != NULL, "%s: %s lacks %s", name, message, needle->valuestring);
        cJSON_ArrayForEach(needle, cJSON_GetObjectItemCaseSensitive(expect, "message_excludes"))
            CHECK(strstr(message, needle->valuestring) == NULL, "%s: %s has %s", name, message, needle->valuestring);
    }
    if (number_field(expect, "requests_logged", &number))
        CHECK(spotdraft_sandbox_request_count(sandbox) == (size_t)number, "%s: sandbox saw %zu requests", name,
              spotdraft_sandbox_request_count(sandbox));
    if (number_field(expect, "min_elapsed_ms", &number))
        CHECK(elapsed >= number, "%s: took %.0f ms, expected at least %.0f", name, elapsed, number);
    if (number_field(expect, "max_elapsed_ms", &number))
        CHECK(elapsed <= number, "%s: took %.0f ms, expected at most %.0f", name, elapsed, number);
    spotdraft_response_free(response);
    spotdraft_error_free(err);
    spotdraft_client_free(client);
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s tests/conformance\n", argv[0]);
        return 2;
    }
    DIR *dir = opendir(argv[1]);
    if (!dir) {
        perror(argv[1]);
        return 2;
    }
    char *names[256];
    size_t count = 0;
    struct dirent *entry;
    while ((entry = readdir(dir)) && count < 256) {
        size_t n = strlen(entry->d_name);
        if (n > 5 && strcmp(entry->d_name + n - 5, ".json") == 0) names[count++] = strdup(entry->d_name);
    }
    closedir(dir);
    qsort(names, count, sizeof names[0], by_name);
    unknown_fields_are_refused();
    CHECK(count >= 15, "only %zu scenarios in %s", count, argv[1]);

    for (size_t i = 0; i < count; i++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", argv[1], names[i]);
        char *text = read_file(path);
        cJSON *scenario = text ? cJSON_Parse(text) : NULL;
        CHECK(scenario != NULL, "%s: not readable JSON", path);
        /* A fresh sandbox per scenario, as the Rust suite does: no state leaks between them. */
        spotdraft_error *err = NULL;
        spotdraft_sandbox *sandbox = NULL;
        if (spotdraft_sandbox_start(false, &sandbox, &err) != SPOTDRAFT_OK) {
            fprintf(stderr, "sandbox: %s\n", error_text(err));
            return 2;
        }
        if (scenario) {
            int before = tests_failed;
            run_scenario(sandbox, names[i], scenario);
            printf("%s %s\n", tests_failed == before ? "ok  " : "FAIL", names[i]);
        }
        spotdraft_sandbox_stop(sandbox);
        cJSON_Delete(scenario);
        free(text);
        free(names[i]);
    }
    return finish();
}
