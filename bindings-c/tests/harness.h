/* A tiny test harness: CHECK counts, prints failures, and finish() prints the
 * "N passed, N failed" line every suite ends with. Also builds sandbox clients. */
#ifndef SPOTDRAFT_TEST_HARNESS_H
#define SPOTDRAFT_TEST_HARNESS_H

#include <spotdraft.h>
#include <stdio.h>
#include <string.h>

static int tests_passed, tests_failed;

#define CHECK(cond, ...)                                                         \
    do {                                                                         \
        if (cond) {                                                              \
            tests_passed++;                                                      \
        } else {                                                                 \
            tests_failed++;                                                      \
            fprintf(stderr, "FAIL %s:%d: %s: ", __FILE__, __LINE__, #cond);      \
            fprintf(stderr, __VA_ARGS__);                                        \
            fputc('\n', stderr);                                                 \
        }                                                                        \
    } while (0)

static inline int finish(void) {
    printf("%d passed, %d failed\n", tests_passed, tests_failed);
    return tests_failed ? 1 : 0;
}

static inline const char *error_text(const spotdraft_error *err) {
    const char *message = spotdraft_error_message(err);
    return message ? message : "(no error)";
}

/* A client for the sandbox as the conformance README describes: no client limiter,
 * fast retries (5 ms up to 40 ms), generous timeouts. NULL on failure (reported). */
/* A builder for the sandbox with the suite's fast settings, for callers that change more
 * before building; NULL (after a failed CHECK) when a setting is refused. */
static inline spotdraft_client_builder *sandbox_client_builder(const spotdraft_sandbox *sandbox, const char *secret,
                                                               const char *email, uint32_t max_attempts,
                                                               uint64_t attempt_timeout_ms) {
    spotdraft_error *err = NULL;
    spotdraft_credential *credential = NULL;
    if (spotdraft_credential_new(spotdraft_sandbox_demo_client_id(), secret, email, &credential, &err) !=
        SPOTDRAFT_OK) {
        CHECK(0, "credential: %s", error_text(err));
        spotdraft_error_free(err);
        return NULL;
    }
    spotdraft_client_builder *builder = spotdraft_client_builder_new(credential);
    spotdraft_credential_free(credential);
    spotdraft_status status = spotdraft_client_builder_set_base_url(builder, spotdraft_sandbox_base_url(sandbox), &err);
    if (status == SPOTDRAFT_OK) status = spotdraft_client_builder_set_rate_limit(builder, 0, &err);
    if (status == SPOTDRAFT_OK) status = spotdraft_client_builder_set_max_attempts(builder, max_attempts, &err);
    if (status == SPOTDRAFT_OK) status = spotdraft_client_builder_set_retry_backoff_ms(builder, 5, 40, &err);
    if (status == SPOTDRAFT_OK)
        status = spotdraft_client_builder_set_attempt_timeout_ms(builder, attempt_timeout_ms, &err);
    if (status == SPOTDRAFT_OK) status = spotdraft_client_builder_set_timeout_ms(builder, 30000, &err);
    if (status != SPOTDRAFT_OK) {
        CHECK(0, "builder settings: %s", error_text(err));
        spotdraft_error_free(err);
        spotdraft_client_builder_free(builder);
        return NULL;
    }
    return builder;
}

/* Builds (and so consumes) `builder`; NULL after a failed CHECK. NULL in, NULL out. */
static inline spotdraft_client *build_client(spotdraft_client_builder *builder) {
    if (!builder) return NULL;
    spotdraft_error *err = NULL;
    spotdraft_client *client = NULL;
    if (spotdraft_client_builder_build(builder, &client, &err) != SPOTDRAFT_OK) {
        CHECK(0, "build: %s", error_text(err));
        spotdraft_error_free(err);
        return NULL;
    }
    return client;
}

static inline spotdraft_client *sandbox_client(const spotdraft_sandbox *sandbox, const char *secret, const char *email,
                                        uint32_t max_attempts, uint64_t attempt_timeout_ms) {
    return build_client(sandbox_client_builder(sandbox, secret, email, max_attempts, attempt_timeout_ms));
}

#endif
