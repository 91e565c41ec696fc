/* Every public function of libspotdraft against the sandbox: results, every error kind,
 * NULL and invalid UTF-8 arguments, 8 threads sharing one client, and a canary secret
 * that must never appear in any error text. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"

#define CONTRACTS "/api/v2.1/public/contracts/"
#define CANARY "CANARY-c-secret-9f3e1d"
#define HMAC_KEY "7can7ymPbGlCwMSMfnTDjnhiLGsVntMAbF/+azlBkHtHW0uvbclGjykf+gp6DI5tREoy70FPKsfa22oyEvAMwA=="

static const char BAD_UTF8[] = {'a', (char)0xff, (char)0xfe, 0};
static char tmp_dir[256];

static bool contains(const uint8_t *haystack, size_t len, const char *needle) {
    size_t n = strlen(needle);
    for (size_t i = 0; i + n <= len; i++)
        if (memcmp(haystack + i, needle, n) == 0) return true;
    return false;
}

/* Every error this suite sees is checked for the canary secret. */
static void check_error(spotdraft_status status, spotdraft_error *err, spotdraft_status expected, const char *kind,
                        const char *what) {
    CHECK(status == expected, "%s: status %u, expected %u (%s)", what, (unsigned)status, (unsigned)expected,
          error_text(err));
    CHECK(err != NULL, "%s: no error handed out", what);
    if (err == NULL) return;
    CHECK(spotdraft_error_status(err) == expected, "%s: error status %u", what, (unsigned)spotdraft_error_status(err));
    CHECK(strcmp(spotdraft_error_kind(err), kind) == 0, "%s: kind %s, expected %s", what, spotdraft_error_kind(err),
          kind);
    const char *texts[] = {spotdraft_error_message(err), spotdraft_error_hint(err), spotdraft_error_sd_code(err),
                           spotdraft_error_field_errors_json(err), spotdraft_error_request_id(err)};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
        CHECK(texts[i] == NULL || strstr(texts[i], CANARY) == NULL, "%s: canary secret in error text", what);
    CHECK(strlen(spotdraft_error_message(err)) > 0, "%s: empty message", what);
}

static void expect_request_error(const spotdraft_client *client, const char *method, const char *path,
                                 const char *body, spotdraft_status expected, const char *kind, const char *what) {
    spotdraft_error *err = NULL;
    spotdraft_response *response = (spotdraft_response *)&err; /* must be cleared to NULL */
    spotdraft_status status = spotdraft_client_request(client, method, path, body, &response, &err);
    check_error(status, err, expected, kind, what);
    CHECK(response == NULL, "%s: out-parameter not NULL after failure", what);
    spotdraft_error_free(err);
}

static void test_version(void) {
    CHECK(strcmp(spotdraft_version(), SPOTDRAFT_VERSION) == 0, "library %s, header %s", spotdraft_version(),
          SPOTDRAFT_VERSION);
}

static void test_credentials(void) {
    spotdraft_error *err = NULL;
    spotdraft_credential *credential = NULL;
    CHECK(spotdraft_credential_new("id-1", "secret", "ops@example.com", &credential, &err) == SPOTDRAFT_OK, "%s",
          error_text(err));
    CHECK(credential && strcmp(spotdraft_credential_client_id(credential), "id-1") == 0, "client id");
    spotdraft_credential_free(credential);

    spotdraft_status status = spotdraft_credential_new(NULL, "secret", NULL, &credential, &err);
    check_error(status, err, SPOTDRAFT_INVALID_ARGUMENT, "invalid_argument", "NULL client id");
    CHECK(credential == NULL, "credential set after failure");
    spotdraft_error_free(err);
    err = NULL;
    status = spotdraft_credential_new("id", BAD_UTF8, NULL, &credential, &err);
    check_error(status, err, SPOTDRAFT_INVALID_ARGUMENT, "invalid_argument", "non-UTF-8 secret");
    spotdraft_error_free(err);
    err = NULL;
    status = spotdraft_credential_new("id", "", NULL, &credential, &err);
    check_error(status, err, SPOTDRAFT_INVALID_CREDENTIAL, "invalid_credential", "empty secret");
    spotdraft_error_free(err);
    err = NULL;
    status = spotdraft_credential_new("id", CANARY, "not an email", &credential, &err);
    check_error(status, err, SPOTDRAFT_INVALID_CREDENTIAL, "invalid_credential", "bad user email");
    spotdraft_error_free(err);
    /* err may be NULL: the status still says what happened. */
    CHECK(spotdraft_credential_new("id", NULL, NULL, &credential, NULL) == SPOTDRAFT_INVALID_ARGUMENT, "NULL err");
    CHECK(spotdraft_credential_new("id", "s", NULL, NULL, NULL) == SPOTDRAFT_INVALID_ARGUMENT, "NULL out");
    CHECK(spotdraft_credential_client_id(NULL) == NULL, "client id of NULL");
}

static void test_builder(const spotdraft_sandbox *sandbox) {
    spotdraft_error *err = NULL;
    spotdraft_client_builder *builder = spotdraft_client_builder_new(NULL);
    CHECK(builder != NULL, "builder");
    struct {
        spotdraft_status status;
        const char *what;
    } bad[] = {
        {spotdraft_client_builder_set_region(builder, "mars", NULL), "unknown region"},
        {spotdraft_client_builder_set_base_url(builder, "ftp://example.com", NULL), "ftp base URL"},
        {spotdraft_client_builder_set_base_url(builder, BAD_UTF8, NULL), "non-UTF-8 base URL"},
        {spotdraft_client_builder_set_region(builder, NULL, NULL), "NULL region"},
        {spotdraft_client_builder_set_timeout_ms(builder, 25ull * 3600 * 1000, NULL), "timeout over 24 h"},
        {spotdraft_client_builder_set_profile(builder, NULL, NULL), "NULL profile"},
        {spotdraft_client_builder_set_user_agent_suffix(builder, BAD_UTF8, NULL), "non-UTF-8 suffix"},
        {spotdraft_client_builder_set_rate_limit(NULL, 5, NULL), "NULL builder"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        CHECK(bad[i].status == SPOTDRAFT_INVALID_ARGUMENT, "%s: status %u", bad[i].what, (unsigned)bad[i].status);
    }
    spotdraft_client_builder_free(builder);

    /* Each setter that succeeds. */
    builder = spotdraft_client_builder_new(NULL);
    CHECK(spotdraft_client_builder_set_region(builder, "eu", &err) == SPOTDRAFT_OK, "region");
    CHECK(spotdraft_client_builder_set_base_url(builder, spotdraft_sandbox_base_url(sandbox), &err) == SPOTDRAFT_OK,
          "base url");
    CHECK(spotdraft_client_builder_set_connect_timeout_ms(builder, 2000, &err) == SPOTDRAFT_OK, "connect timeout");
    CHECK(spotdraft_client_builder_set_max_body_size(builder, 1 << 20, &err) == SPOTDRAFT_OK, "max body size");
    CHECK(spotdraft_client_builder_set_user_agent_suffix(builder, "c-tests/1.0", &err) == SPOTDRAFT_OK, "suffix");
    spotdraft_client_builder_free(builder);
    spotdraft_client_builder_free(NULL);

    /* Settings that only make sense together are checked (by core) when the client is built. */
    builder = sandbox_client_builder(sandbox, spotdraft_sandbox_demo_client_secret(), NULL, 4, 10000);
    CHECK(spotdraft_client_builder_set_retry_backoff_ms(builder, 500, 10, &err) == SPOTDRAFT_OK, "backoff set");
    spotdraft_client *backwards = NULL;
    spotdraft_status built = spotdraft_client_builder_build(builder, &backwards, &err);
    check_error(built, err, SPOTDRAFT_INVALID_ARGUMENT, "invalid_argument", "backoff initial > max");
    spotdraft_error_free(err);
    err = NULL;
    CHECK(backwards == NULL, "no client after a refused build");

    spotdraft_client *client = (spotdraft_client *)&err;
    spotdraft_status status = spotdraft_client_builder_build(NULL, &client, &err);
    check_error(status, err, SPOTDRAFT_INVALID_ARGUMENT, "invalid_argument", "build NULL builder");
    CHECK(client == NULL, "client after failed build");
    spotdraft_error_free(err);
    err = NULL;
    /* A NULL out still consumes the builder (valgrind sees a leak otherwise). */
    builder = spotdraft_client_builder_new(NULL);
    CHECK(spotdraft_client_builder_build(builder, NULL, NULL) == SPOTDRAFT_INVALID_ARGUMENT, "build NULL out");
}

/* Errors from a builder setter, each handed out and freed. */
static void test_builder_errors_freed(void) {
    spotdraft_client_builder *builder = spotdraft_client_builder_new(NULL);
    const char *regions[] = {"mars", "", BAD_UTF8};
    for (size_t i = 0; i < 3; i++) {
        spotdraft_error *err = NULL;
        spotdraft_status status = spotdraft_client_builder_set_region(builder, regions[i], &err);
        check_error(status, err, SPOTDRAFT_INVALID_ARGUMENT, "invalid_argument", "bad region");
        spotdraft_error_free(err);
    }
    spotdraft_client_builder_free(builder);
}

static void test_requests(const spotdraft_sandbox *sandbox, const spotdraft_client *client) {
    spotdraft_error *err = NULL;
    spotdraft_response *response = NULL;
    CHECK(spotdraft_client_request(client, "GET", CONTRACTS "?limit=2", NULL, &response, &err) == SPOTDRAFT_OK, "%s",
          error_text(err));
    CHECK(spotdraft_response_status(response) == 200, "status %u", spotdraft_response_status(response));
    CHECK(spotdraft_response_attempts(response) == 1, "attempts");
    size_t len = 0;
    const uint8_t *body = spotdraft_response_body(response, &len);
    CHECK(body != NULL && len > 0 && contains(body, len, "\"results\""), "body has results");
    CHECK(spotdraft_response_body(response, NULL) == body, "body without len");
    spotdraft_response_free(response);
    spotdraft_response_free(NULL);
    CHECK(spotdraft_response_status(NULL) == 0, "status of NULL");
    len = 7;
    CHECK(spotdraft_response_body(NULL, &len) == NULL && len == 0, "body of NULL");

    CHECK(spotdraft_client_request(client, "POST", CONTRACTS "x-does-not-exist/comments/", "{\"comment\":\"hi\"}",
                                   &response, &err) != SPOTDRAFT_OK,
          "POST to unknown contract");
    spotdraft_error_free(err);
    err = NULL;

    expect_request_error(NULL, "GET", CONTRACTS, NULL, SPOTDRAFT_INVALID_ARGUMENT, "invalid_argument", "NULL client");
    expect_request_error(client, NULL, CONTRACTS, NULL, SPOTDRAFT_INVALID_ARGUMENT, "invalid_argument", "NULL method");
    expect_request_error(client, "GET", NULL, NULL, SPOTDRAFT_INVALID_ARGUMENT, "invalid_argument", "NULL path");
    expect_request_error(client, "GET", BAD_UTF8, NULL, SPOTDRAFT_INVALID_ARGUMENT, "invalid_argument",
                         "non-UTF-8 path");
    expect_request_error(client, "BREW", CONTRACTS, NULL, SPOTDRAFT_INVALID_ARGUMENT, "invalid_argument",
                         "unknown method");
    expect_request_error(client, "POST", CONTRACTS, "{not json", SPOTDRAFT_INVALID_ARGUMENT, "invalid_argument",
                         "invalid JSON body");
    expect_request_error(client, "POST", CONTRACTS, BAD_UTF8, SPOTDRAFT_INVALID_ARGUMENT, "invalid_argument",
                         "non-UTF-8 body");
    expect_request_error(client, "GET", "https://evil.example" CONTRACTS, NULL, SPOTDRAFT_INVALID_ARGUMENT,
                         "invalid_argument", "absolute URL");
    CHECK(spotdraft_client_request(client, "GET", CONTRACTS, NULL, NULL, NULL) == SPOTDRAFT_INVALID_ARGUMENT,
          "NULL out");
    (void)sandbox;
}

static void inject(const spotdraft_sandbox *sandbox, const char *rule) {
    spotdraft_error *err = NULL;
    CHECK(spotdraft_sandbox_inject_fault(sandbox, rule, &err) == SPOTDRAFT_OK, "inject %s: %s", rule,
          error_text(err));
    spotdraft_error_free(err);
}

static void test_http_error_kinds(const spotdraft_sandbox *sandbox) {
    spotdraft_client *client = sandbox_client(sandbox, spotdraft_sandbox_demo_client_secret(), NULL, 1, 10000);
    struct {
        int http;
        spotdraft_status status;
        const char *kind;
    } cases[] = {
        {401, SPOTDRAFT_AUTHENTICATION, "authentication"}, {402, SPOTDRAFT_BUSINESS_RULE, "business_rule"},
        {403, SPOTDRAFT_PERMISSION_DENIED, "permission_denied"}, {404, SPOTDRAFT_NOT_FOUND, "not_found"},
        {409, SPOTDRAFT_CONFLICT, "conflict"},           {400, SPOTDRAFT_VALIDATION, "validation"},
        {429, SPOTDRAFT_RATE_LIMITED, "rate_limited"},   {500, SPOTDRAFT_SERVER, "server"},
        {501, SPOTDRAFT_NOT_ENABLED, "not_enabled"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char rule[256];
        snprintf(rule, sizeof rule,
                 "{\"path\":\"" CONTRACTS "\",\"times\":1,\"fault\":{\"kind\":\"status\",\"status\":%d}}",
                 cases[i].http);
        inject(sandbox, rule);
        spotdraft_error *err = NULL;
        spotdraft_response *response = NULL;
        spotdraft_status status = spotdraft_client_request(client, "GET", CONTRACTS, NULL, &response, &err);
        check_error(status, err, cases[i].status, cases[i].kind, cases[i].kind);
        CHECK(spotdraft_error_http_status(err) == cases[i].http, "http status %u", spotdraft_error_http_status(err));
        CHECK(spotdraft_error_attempts(err) == 1, "attempts %u", spotdraft_error_attempts(err));
        spotdraft_error_free(err);
    }
    inject(sandbox, "{\"path\":\"" CONTRACTS "\",\"times\":1,\"fault\":{\"kind\":\"redirect\",\"location\":"
                    "\"http://192.0.2.1/steal\"}}");
    expect_request_error(client, "GET", CONTRACTS, NULL, SPOTDRAFT_REDIRECT, "redirect", "redirect");

    /* SpotDraft's code and field errors survive. */
    inject(sandbox, "{\"path\":\"" CONTRACTS "\",\"times\":1,\"fault\":{\"kind\":\"status\",\"status\":402,\"body\":"
                    "{\"detail\":\"no\",\"code\":\"SD_CONTRACTS_00289\",\"message\":\"state\"}}}");
    spotdraft_error *err = NULL;
    spotdraft_response *response = NULL;
    spotdraft_client_request(client, "GET", CONTRACTS, NULL, &response, &err);
    CHECK(err && spotdraft_error_sd_code(err) && strcmp(spotdraft_error_sd_code(err), "SD_CONTRACTS_00289") == 0,
          "sd code");
    spotdraft_error_free(err);
    err = NULL;
    spotdraft_client_request(client, "GET", CONTRACTS "?limit=abc", NULL, &response, &err);
    CHECK(err && strstr(spotdraft_error_field_errors_json(err), "\"limit\"") != NULL, "field errors %s",
          err ? spotdraft_error_field_errors_json(err) : "");
    CHECK(err && spotdraft_error_sd_code(err) == NULL, "no sd code");
    CHECK(err && !spotdraft_error_retryable(err), "validation not retryable");
    spotdraft_error_free(err);
    spotdraft_client_free(client);

    /* Retried then exhausted: retryable, 4 attempts. */
    client = sandbox_client(sandbox, spotdraft_sandbox_demo_client_secret(), NULL, 4, 10000);
    inject(sandbox, "{\"path\":\"" CONTRACTS "\",\"times\":9,\"fault\":{\"kind\":\"status\",\"status\":503}}");
    err = NULL;
    spotdraft_client_request(client, "GET", CONTRACTS, NULL, &response, &err);
    CHECK(err && spotdraft_error_attempts(err) == 4 && spotdraft_error_retryable(err), "exhausted retries");
    spotdraft_error_free(err);
    spotdraft_sandbox_reset(sandbox, NULL);
    spotdraft_client_free(client);

    /* Timeout: one attempt may take 300 ms, the answer takes 3 s. A sandbox of its own, so
     * the late answer is never counted by the tests that follow. */
    spotdraft_sandbox *slow = NULL;
    CHECK(spotdraft_sandbox_start(false, &slow, NULL) == SPOTDRAFT_OK, "second sandbox");
    client = sandbox_client(slow, spotdraft_sandbox_demo_client_secret(), NULL, 1, 300);
    inject(slow, "{\"path\":\"" CONTRACTS "\",\"times\":1,\"fault\":{\"kind\":\"delay\",\"millis\":3000}}");
    expect_request_error(client, "GET", CONTRACTS, NULL, SPOTDRAFT_TIMEOUT, "timeout", "timeout");
    spotdraft_client_free(client);
    spotdraft_sandbox_stop(slow);
}

static void test_canary_secret(const spotdraft_sandbox *sandbox) {
    /* Wrong secret (the canary): authentication, and the canary is nowhere in the text. */
    spotdraft_client *client = sandbox_client(sandbox, CANARY, NULL, 1, 10000);
    expect_request_error(client, "GET", CONTRACTS, NULL, SPOTDRAFT_AUTHENTICATION, "authentication", "wrong secret");
    spotdraft_error *err = NULL;
    spotdraft_status status = spotdraft_client_verify(client, NULL, &err);
    check_error(status, err, SPOTDRAFT_AUTHENTICATION, "authentication", "verify wrong secret");
    spotdraft_error_free(err);
    spotdraft_client_free(client);

    /* Connection refused, with the canary as secret. */
    spotdraft_credential *credential = NULL;
    spotdraft_credential_new("id", CANARY, NULL, &credential, NULL);
    spotdraft_client_builder *builder = spotdraft_client_builder_new(credential);
    spotdraft_credential_free(credential);
    spotdraft_client_builder_set_base_url(builder, "http://127.0.0.1:1", NULL);
    spotdraft_client_builder_set_max_attempts(builder, 1, NULL);
    client = NULL;
    CHECK(spotdraft_client_builder_build(builder, &client, NULL) == SPOTDRAFT_OK, "build");
    expect_request_error(client, "GET", CONTRACTS, NULL, SPOTDRAFT_CONNECTION, "connection", "connection refused");
    spotdraft_client_free(client);
}

/* The shared (Redis) rate limit: the option reaches core, and its password (the canary) shows
 * nowhere. Port 1 on loopback refuses connections, so no Redis is needed. */
static void test_rate_limit_url(const spotdraft_sandbox *sandbox) {
    const char *unreachable = "redis://:" CANARY "@127.0.0.1:1";
    spotdraft_error *err = NULL;
    spotdraft_client_builder *builder = spotdraft_client_builder_new(NULL);
    spotdraft_status status = spotdraft_client_builder_set_rate_limit_url(builder, "http://:" CANARY "@h:6379", &err);
    check_error(status, err, SPOTDRAFT_INVALID_ARGUMENT, "invalid_argument", "rate limit URL with another scheme");
    CHECK(err && strstr(spotdraft_error_message(err), "redis://") != NULL, "names the schemes: %s", error_text(err));
    spotdraft_error_free(err);
    err = NULL;
    status = spotdraft_client_builder_set_rate_limit_url(builder, NULL, &err);
    check_error(status, err, SPOTDRAFT_INVALID_ARGUMENT, "invalid_argument", "NULL rate limit URL");
    spotdraft_error_free(err);
    err = NULL;
    spotdraft_client_builder_free(builder);

    /* Strict: the call fails with a connection error naming the limiter, nothing is sent. */
    builder = sandbox_client_builder(sandbox, spotdraft_sandbox_demo_client_secret(), NULL, 1, 10000);
    CHECK(spotdraft_client_builder_set_rate_limit(builder, 10, &err) == SPOTDRAFT_OK, "rate");
    CHECK(spotdraft_client_builder_set_rate_limit_url(builder, unreachable, &err) == SPOTDRAFT_OK, "url: %s",
          error_text(err));
    CHECK(spotdraft_client_builder_set_rate_limit_strict(builder, true, &err) == SPOTDRAFT_OK, "strict");
    spotdraft_client *client = build_client(builder);
    spotdraft_response *response = NULL;
    status = spotdraft_client_request(client, "GET", CONTRACTS, NULL, &response, &err);
    check_error(status, err, SPOTDRAFT_CONNECTION, "connection", "strict shared limiter unreachable");
    CHECK(err && strstr(spotdraft_error_message(err), "shared rate limiter at redis://:****@") != NULL, "%s",
          error_text(err));
    spotdraft_error_free(err);
    err = NULL;
    spotdraft_client_free(client);

    /* Not strict: the local limit takes over and the call works. */
    builder = sandbox_client_builder(sandbox, spotdraft_sandbox_demo_client_secret(), NULL, 1, 10000);
    CHECK(spotdraft_client_builder_set_rate_limit(builder, 10, &err) == SPOTDRAFT_OK, "rate");
    CHECK(spotdraft_client_builder_set_rate_limit_url(builder, unreachable, &err) == SPOTDRAFT_OK, "url");
    CHECK(spotdraft_client_builder_set_rate_limit_strict(builder, false, &err) == SPOTDRAFT_OK, "not strict");
    client = build_client(builder);
    CHECK(spotdraft_client_request(client, "GET", CONTRACTS, NULL, &response, &err) == SPOTDRAFT_OK,
          "fallback call: %s", error_text(err));
    spotdraft_response_free(response);
    spotdraft_client_free(client);
}

/* A profile saved with a shared rate limiter URL: shown masked, refused when bad, used by clients built from it. */
static void test_store_rate_limit_url(const spotdraft_sandbox *sandbox) {
    const char *unreachable = "redis://:" CANARY "@127.0.0.1:1";
    char dir[512];
    snprintf(dir, sizeof dir, "%s/store-rate-limit-url", tmp_dir);
    spotdraft_error *err = NULL;
    spotdraft_store *store = NULL;
    CHECK(spotdraft_store_open(dir, &store, &err) == SPOTDRAFT_OK, "open: %s", error_text(err));
    spotdraft_credential *credential = NULL;
    spotdraft_credential_new(spotdraft_sandbox_demo_client_id(), spotdraft_sandbox_demo_client_secret(), NULL,
                             &credential, NULL);
    const char *base_url = spotdraft_sandbox_base_url(sandbox);

    /* Bad URLs are refused naming the problem, never the password, and nothing is saved. */
    spotdraft_status status =
        spotdraft_store_save_with_rate_limit_url(store, "fleet", credential, base_url, "http://:" CANARY "@h:6379",
                                                 false, &err);
    check_error(status, err, SPOTDRAFT_INVALID_ARGUMENT, "invalid_argument", "profile rate limit URL, other scheme");
    CHECK(err && strstr(spotdraft_error_message(err), "scheme \"http\"") != NULL, "names the scheme: %s",
          error_text(err));
    spotdraft_error_free(err);
    err = NULL;
    status = spotdraft_store_save_with_rate_limit_url(store, "fleet", credential, base_url,
                                                      "redis://:" CANARY "@h:6379/cache", false, &err);
    check_error(status, err, SPOTDRAFT_INVALID_ARGUMENT, "invalid_argument", "profile rate limit URL, bad database");
    spotdraft_error_free(err);
    err = NULL;
    status = spotdraft_store_save_with_rate_limit_url(store, "fleet", credential, base_url, BAD_UTF8, false, &err);
    check_error(status, err, SPOTDRAFT_INVALID_ARGUMENT, "invalid_argument", "non-UTF-8 rate limit URL");
    spotdraft_error_free(err);
    err = NULL;
    status = spotdraft_store_save_with_rate_limit_url(NULL, "fleet", credential, base_url, unreachable, false, &err);
    check_error(status, err, SPOTDRAFT_INVALID_ARGUMENT, "invalid_argument", "NULL store");
    spotdraft_error_free(err);
    err = NULL;
    char *shown = (char *)&err; /* must be cleared to NULL */
    status = spotdraft_store_get_rate_limit_url(store, "fleet", &shown, &err);
    check_error(status, err, SPOTDRAFT_NOT_FOUND, "not_found", "a refused profile was not saved");
    CHECK(shown == NULL, "out-parameter not NULL after failure");
    spotdraft_error_free(err);
    err = NULL;
    CHECK(spotdraft_store_get_rate_limit_url(store, "fleet", NULL, NULL) == SPOTDRAFT_INVALID_ARGUMENT, "NULL out");

    /* Saved, and read back masked. */
    CHECK(spotdraft_store_save_with_rate_limit_url(store, "fleet", credential, base_url, unreachable, false, &err) ==
              SPOTDRAFT_OK,
          "save with URL: %s", error_text(err));
    CHECK(spotdraft_store_get_rate_limit_url(store, "fleet", &shown, &err) == SPOTDRAFT_OK, "get URL: %s",
          error_text(err));
    CHECK(shown && strcmp(shown, "redis://:****@127.0.0.1:1") == 0, "masked URL: %s", shown ? shown : "(NULL)");
    spotdraft_string_free(shown);
    char *list = NULL;
    CHECK(spotdraft_store_list_json(store, &list, &err) == SPOTDRAFT_OK, "list");
    CHECK(list && !strstr(list, CANARY), "password in list %s", list);
    spotdraft_string_free(list);

    /* A client built from the profile uses it: strict, the call fails at the unreachable limiter. */
    setenv("SPOTDRAFT_CONFIG_DIR", dir, 1);
    unsetenv("SPOTDRAFT_RATE_LIMIT_URL");
    spotdraft_client_builder *builder = spotdraft_client_builder_new(NULL);
    CHECK(spotdraft_client_builder_set_profile(builder, "fleet", &err) == SPOTDRAFT_OK, "profile");
    CHECK(spotdraft_client_builder_set_rate_limit(builder, 10, &err) == SPOTDRAFT_OK, "rate");
    CHECK(spotdraft_client_builder_set_rate_limit_strict(builder, true, &err) == SPOTDRAFT_OK, "strict");
    CHECK(spotdraft_client_builder_set_max_attempts(builder, 1, &err) == SPOTDRAFT_OK, "attempts");
    spotdraft_client *client = build_client(builder);
    spotdraft_response *response = NULL;
    status = spotdraft_client_request(client, "GET", CONTRACTS, NULL, &response, &err);
    check_error(status, err, SPOTDRAFT_CONNECTION, "connection", "profile's strict shared limiter unreachable");
    CHECK(err && strstr(spotdraft_error_message(err), "shared rate limiter at redis://:****@127.0.0.1:1") != NULL,
          "%s", error_text(err));
    spotdraft_error_free(err);
    err = NULL;
    spotdraft_client_free(client);

    /* Saved over without a URL: the profile has none, and the same strict client's call goes through. */
    CHECK(spotdraft_store_save_with_rate_limit_url(store, "fleet", credential, base_url, NULL, true, &err) ==
              SPOTDRAFT_OK,
          "save without URL: %s", error_text(err));
    shown = (char *)&err;
    CHECK(spotdraft_store_get_rate_limit_url(store, "fleet", &shown, &err) == SPOTDRAFT_OK && shown == NULL,
          "no URL after saving without one");
    builder = spotdraft_client_builder_new(NULL);
    spotdraft_client_builder_set_profile(builder, "fleet", NULL);
    spotdraft_client_builder_set_rate_limit(builder, 10, NULL);
    spotdraft_client_builder_set_rate_limit_strict(builder, true, NULL);
    client = build_client(builder);
    CHECK(spotdraft_client_request(client, "GET", CONTRACTS, NULL, &response, &err) == SPOTDRAFT_OK,
          "call without a limiter: %s", error_text(err));
    spotdraft_response_free(response);
    spotdraft_client_free(client);
    unsetenv("SPOTDRAFT_CONFIG_DIR");

    spotdraft_credential_free(credential);
    spotdraft_store_free(store);
}

static void test_call_verify_as_user(const spotdraft_sandbox *sandbox, const spotdraft_client *client) {
    spotdraft_error *err = NULL;
    spotdraft_response *response = NULL;
    CHECK(spotdraft_client_call(client, "contracts.status", "{\"composite_id\":\"T-1001\"}", NULL, &response, &err) ==
              SPOTDRAFT_OK,
          "contracts.status: %s", error_text(err));
    CHECK(spotdraft_response_status(response) == 200, "call status");
    spotdraft_response_free(response);
    response = NULL;
    CHECK(spotdraft_client_call(client, "contracts.list", NULL, NULL, &response, &err) == SPOTDRAFT_OK, "list: %s",
          error_text(err));
    spotdraft_response_free(response);
    response = NULL;
    spotdraft_status status = spotdraft_client_call(client, "contracts.list", "[1]", NULL, &response, &err);
    check_error(status, err, SPOTDRAFT_INVALID_ARGUMENT, "invalid_argument", "params not an object");
    spotdraft_error_free(err);
    err = NULL;
    status = spotdraft_client_call(client, "no.such.operation", NULL, NULL, &response, &err);
    CHECK(status != SPOTDRAFT_OK && err != NULL, "unknown operation");
    spotdraft_error_free(err);
    err = NULL;
    status = spotdraft_client_call(client, NULL, NULL, NULL, &response, &err);
    check_error(status, err, SPOTDRAFT_INVALID_ARGUMENT, "invalid_argument", "NULL operation");
    spotdraft_error_free(err);
    err = NULL;

    char *verification = NULL;
    CHECK(spotdraft_client_verify(client, &verification, &err) == SPOTDRAFT_OK, "verify: %s", error_text(err));
    CHECK(verification && strstr(verification, "\"base_url\"") != NULL, "verification %s", verification);
    spotdraft_string_free(verification);
    CHECK(spotdraft_client_verify(client, NULL, NULL) == SPOTDRAFT_OK, "verify without output");

    spotdraft_client *other = NULL;
    CHECK(spotdraft_client_as_user(client, "elena.kagan@sandbox.example", &other, &err) == SPOTDRAFT_OK, "as_user");
    CHECK(spotdraft_client_request(other, "GET", CONTRACTS, NULL, &response, &err) == SPOTDRAFT_OK,
          "as active user: %s", error_text(err));
    spotdraft_response_free(response);
    spotdraft_client_free(other);
    other = NULL;
    CHECK(spotdraft_client_as_user(client, "nobody@example.com", &other, &err) == SPOTDRAFT_OK, "as_user unknown");
    expect_request_error(other, "GET", CONTRACTS, NULL, SPOTDRAFT_PERMISSION_DENIED, "permission_denied",
                         "unknown user");
    spotdraft_client_free(other);
    other = (spotdraft_client *)&err;
    status = spotdraft_client_as_user(client, BAD_UTF8, &other, &err);
    check_error(status, err, SPOTDRAFT_INVALID_ARGUMENT, "invalid_argument", "non-UTF-8 email");
    CHECK(other == NULL, "as_user out after failure");
    spotdraft_error_free(err);
    (void)sandbox;
}

static void test_pager(const spotdraft_sandbox *sandbox, const spotdraft_client *client) {
    spotdraft_error *err = NULL;
    spotdraft_pager *pager = NULL;
    CHECK(spotdraft_client_pages(client, CONTRACTS, 2, &pager, &err) == SPOTDRAFT_OK, "pages: %s", error_text(err));
    size_t before = spotdraft_sandbox_request_count(sandbox);
    int items = 0;
    for (;;) {
        char *item = NULL;
        spotdraft_status status = spotdraft_pager_next(pager, &item, &err);
        CHECK(status == SPOTDRAFT_OK, "next: %s", error_text(err));
        if (status != SPOTDRAFT_OK || item == NULL) break;
        CHECK(item[0] == '{', "item is a JSON object: %s", item);
        items++;
        spotdraft_string_free(item);
    }
    size_t requests = spotdraft_sandbox_request_count(sandbox) - before;
    CHECK(items >= 4, "items %d", items);
    CHECK(requests == (size_t)(items + 1) / 2 || requests == (size_t)(items / 2 + 1), "requests %zu for %d items",
          requests, items);
    spotdraft_pager_free(pager);
    spotdraft_pager_free(NULL);

    spotdraft_status status = spotdraft_client_pages(client, CONTRACTS, 1000, &pager, &err);
    check_error(status, err, SPOTDRAFT_INVALID_ARGUMENT, "invalid_argument", "page size 1000");
    spotdraft_error_free(err);
    err = NULL;

    /* An answer that is not a page: decode. */
    CHECK(spotdraft_client_pages(client, CONTRACTS, 0, &pager, &err) == SPOTDRAFT_OK, "pages");
    inject(sandbox, "{\"path\":\"" CONTRACTS "\",\"times\":1,\"fault\":{\"kind\":\"status\",\"status\":200,"
                    "\"body\":{\"unexpected\":true}}}");
    char *item = NULL;
    status = spotdraft_pager_next(pager, &item, &err);
    check_error(status, err, SPOTDRAFT_DECODE, "decode", "not a page");
    spotdraft_error_free(err);
    err = NULL;
    CHECK(spotdraft_pager_next(pager, &item, &err) == SPOTDRAFT_OK && item == NULL, "done after an error");
    spotdraft_pager_free(pager);
    CHECK(spotdraft_pager_next(NULL, &item, NULL) == SPOTDRAFT_INVALID_ARGUMENT, "NULL pager");
}

struct progress_seen {
    int calls;
    uint64_t last;
    uint64_t stop_after;
};

static bool on_progress(uint64_t bytes, uint64_t total, void *user_data) {
    struct progress_seen *seen = user_data;
    seen->calls++;
    seen->last = bytes;
    (void)total;
    return seen->stop_after == 0 || bytes < seen->stop_after;
}

static void test_download(const spotdraft_client *client) {
    char path[512];
    snprintf(path, sizeof path, "%s/contract.pdf", tmp_dir);
    struct progress_seen seen = {0, 0, 0};
    uint64_t written = 0;
    spotdraft_error *err = NULL;
    CHECK(spotdraft_contract_download_to_file(client, "T-1001", path, false, on_progress, &seen, &written, &err) ==
              SPOTDRAFT_OK,
          "download: %s", error_text(err));
    struct stat st;
    CHECK(stat(path, &st) == 0 && (uint64_t)st.st_size == written && written == 65536, "file size %llu",
          (unsigned long long)written);
    CHECK(seen.calls > 0 && seen.last == written, "progress calls %d, last %llu", seen.calls,
          (unsigned long long)seen.last);

    spotdraft_status status = spotdraft_contract_download_to_file(client, "T-1001", path, false, NULL, NULL, NULL, &err);
    CHECK(status != SPOTDRAFT_OK, "existing file kept without overwrite");
    spotdraft_error_free(err);
    err = NULL;
    CHECK(spotdraft_contract_download_to_file(client, "T-1001", path, true, NULL, NULL, NULL, &err) == SPOTDRAFT_OK,
          "overwrite: %s", error_text(err));

    char cancelled_path[512];
    snprintf(cancelled_path, sizeof cancelled_path, "%s/cancelled.pdf", tmp_dir);
    struct progress_seen stopper = {0, 0, 1};
    status = spotdraft_contract_download_to_file(client, "T-1001", cancelled_path, false, on_progress, &stopper, NULL,
                                                 &err);
    check_error(status, err, SPOTDRAFT_CANCELLED, "cancelled", "progress callback stops");
    CHECK(access(cancelled_path, F_OK) != 0, "no file after a cancelled download");
    spotdraft_error_free(err);
    err = NULL;

    status = spotdraft_contract_download_to_file(client, "T-1001", "/nonexistent-dir-spotdraft/x.pdf", false, NULL,
                                                 NULL, NULL, &err);
    check_error(status, err, SPOTDRAFT_FILE, "file", "unwritable folder");
    spotdraft_error_free(err);
    err = NULL;
    status = spotdraft_contract_download_to_file(client, "T-999999", path, true, NULL, NULL, NULL, &err);
    check_error(status, err, SPOTDRAFT_NOT_FOUND, "not_found", "unknown contract");
    spotdraft_error_free(err);
    err = NULL;
    status = spotdraft_contract_download_to_file(client, NULL, path, true, NULL, NULL, NULL, &err);
    check_error(status, err, SPOTDRAFT_INVALID_ARGUMENT, "invalid_argument", "NULL contract id");
    spotdraft_error_free(err);
}

static void test_webhooks(void) {
    const char *body = "{\"activity\":\"CONTRACT_CREATED\"}";
    size_t len = strlen(body);
    char *signature = NULL;
    spotdraft_error *err = NULL;
    CHECK(spotdraft_webhook_sign((const uint8_t *)body, len, HMAC_KEY, &signature, &err) == SPOTDRAFT_OK, "sign");
    CHECK(signature && strlen(signature) == 128, "signature length");
    CHECK(spotdraft_webhook_verify((const uint8_t *)body, len, signature, HMAC_KEY, &err) == SPOTDRAFT_OK,
          "verify: %s", error_text(err));
    spotdraft_status status = spotdraft_webhook_verify((const uint8_t *)body, len - 1, signature, HMAC_KEY, &err);
    check_error(status, err, SPOTDRAFT_AUTHENTICATION, "authentication", "tampered body");
    spotdraft_error_free(err);
    err = NULL;
    status = spotdraft_webhook_verify((const uint8_t *)body, len, signature, "not base64!!", &err);
    check_error(status, err, SPOTDRAFT_INVALID_ARGUMENT, "invalid_argument", "bad key");
    spotdraft_error_free(err);
    err = NULL;
    status = spotdraft_webhook_verify(NULL, 5, signature, HMAC_KEY, &err);
    check_error(status, err, SPOTDRAFT_INVALID_ARGUMENT, "invalid_argument", "NULL body with a length");
    spotdraft_error_free(err);
    spotdraft_string_free(signature);
    spotdraft_string_free(NULL);
}

static void test_store_and_resolution(const spotdraft_sandbox *sandbox) {
    char dir[512];
    snprintf(dir, sizeof dir, "%s/store", tmp_dir);
    spotdraft_error *err = NULL;
    spotdraft_store *store = NULL;
    CHECK(spotdraft_store_open(dir, &store, &err) == SPOTDRAFT_OK, "open: %s", error_text(err));
    spotdraft_credential *credential = NULL;
    spotdraft_credential_new(spotdraft_sandbox_demo_client_id(), spotdraft_sandbox_demo_client_secret(), NULL,
                             &credential, NULL);
    CHECK(spotdraft_store_save(store, "work", credential, spotdraft_sandbox_base_url(sandbox), false, &err) ==
              SPOTDRAFT_OK,
          "save: %s", error_text(err));
    spotdraft_status status = spotdraft_store_save(store, "work", credential, "eu", false, &err);
    check_error(status, err, SPOTDRAFT_CONFLICT, "conflict", "save over an existing profile");
    spotdraft_error_free(err);
    err = NULL;
    status = spotdraft_store_save(store, "bad name!", credential, NULL, false, &err);
    check_error(status, err, SPOTDRAFT_INVALID_ARGUMENT, "invalid_argument", "bad profile name");
    spotdraft_error_free(err);
    err = NULL;
    CHECK(spotdraft_store_save(store, "other", credential, "eu", false, &err) == SPOTDRAFT_OK, "save eu");
    spotdraft_credential_free(credential);

    spotdraft_credential *loaded = NULL;
    CHECK(spotdraft_store_get(store, "work", &loaded, &err) == SPOTDRAFT_OK, "get: %s", error_text(err));
    CHECK(loaded && strcmp(spotdraft_credential_client_id(loaded), spotdraft_sandbox_demo_client_id()) == 0,
          "loaded id");
    spotdraft_credential_free(loaded);
    char *list = NULL;
    CHECK(spotdraft_store_list_json(store, &list, &err) == SPOTDRAFT_OK, "list");
    CHECK(list && strstr(list, "\"work\"") && strstr(list, "\"other\""), "list %s", list);
    CHECK(list && !strstr(list, spotdraft_sandbox_demo_client_secret()), "secret in list");
    spotdraft_string_free(list);

    /* Resolution like the CLI: a profile by name, then the environment. */
    setenv("SPOTDRAFT_CONFIG_DIR", dir, 1);
    spotdraft_client_builder *builder = spotdraft_client_builder_new(NULL);
    spotdraft_client_builder_set_profile(builder, "work", NULL);
    spotdraft_client *client = NULL;
    CHECK(spotdraft_client_builder_build(builder, &client, &err) == SPOTDRAFT_OK, "build from profile: %s",
          error_text(err));
    CHECK(spotdraft_client_verify(client, NULL, &err) == SPOTDRAFT_OK, "verify profile client: %s", error_text(err));
    spotdraft_client_free(client);
    builder = spotdraft_client_builder_new(NULL);
    spotdraft_client_builder_set_profile(builder, "missing", NULL);
    status = spotdraft_client_builder_build(builder, &client, &err);
    check_error(status, err, SPOTDRAFT_NOT_FOUND, "not_found", "missing profile");
    spotdraft_error_free(err);
    err = NULL;
    setenv("SPOTDRAFT_CLIENT_ID", "only-the-id", 1);
    builder = spotdraft_client_builder_new(NULL);
    status = spotdraft_client_builder_build(builder, &client, &err);
    check_error(status, err, SPOTDRAFT_INVALID_CREDENTIAL, "invalid_credential", "half-set environment");
    spotdraft_error_free(err);
    err = NULL;
    setenv("SPOTDRAFT_CLIENT_ID", spotdraft_sandbox_demo_client_id(), 1);
    setenv("SPOTDRAFT_CLIENT_SECRET", spotdraft_sandbox_demo_client_secret(), 1);
    setenv("SPOTDRAFT_BASE_URL", spotdraft_sandbox_base_url(sandbox), 1);
    builder = spotdraft_client_builder_new(NULL);
    CHECK(spotdraft_client_builder_build(builder, &client, &err) == SPOTDRAFT_OK, "build from environment: %s",
          error_text(err));
    CHECK(spotdraft_client_verify(client, NULL, &err) == SPOTDRAFT_OK, "verify environment client: %s",
          error_text(err));
    spotdraft_client_free(client);
    unsetenv("SPOTDRAFT_CLIENT_ID");
    unsetenv("SPOTDRAFT_CLIENT_SECRET");
    unsetenv("SPOTDRAFT_BASE_URL");
    unsetenv("SPOTDRAFT_CONFIG_DIR");

    CHECK(spotdraft_store_remove(store, "work", &err) == SPOTDRAFT_OK, "remove");
    status = spotdraft_store_get(store, "work", &loaded, &err);
    check_error(status, err, SPOTDRAFT_NOT_FOUND, "not_found", "removed profile");
    spotdraft_error_free(err);
    err = NULL;
    spotdraft_store_free(store);
    spotdraft_store_free(NULL);

    /* A store whose folder is a regular file cannot be read: store. */
    char file[512];
    snprintf(file, sizeof file, "%s/contract.pdf", tmp_dir);
    store = NULL;
    CHECK(spotdraft_store_open(file, &store, &err) == SPOTDRAFT_OK, "open on a file");
    status = spotdraft_store_list_json(store, &list, &err);
    check_error(status, err, SPOTDRAFT_STORE, "store", "store folder is a file");
    spotdraft_error_free(err);
    spotdraft_store_free(store);
}

struct worker {
    const spotdraft_client *client;
    int ok;
};

static void *worker_main(void *arg) {
    struct worker *w = arg;
    for (int i = 0; i < 20; i++) {
        spotdraft_response *response = NULL;
        spotdraft_error *err = NULL;
        if (spotdraft_client_request(w->client, "GET", CONTRACTS "?limit=1", NULL, &response, &err) == SPOTDRAFT_OK &&
            spotdraft_response_status(response) == 200)
            w->ok++;
        spotdraft_response_free(response);
        spotdraft_error_free(err);
    }
    return NULL;
}

static void test_threads(const spotdraft_sandbox *sandbox, const spotdraft_client *client) {
    spotdraft_sandbox_reset(sandbox, NULL);
    pthread_t threads[8];
    struct worker workers[8];
    for (int i = 0; i < 8; i++) {
        workers[i] = (struct worker){client, 0};
        CHECK(pthread_create(&threads[i], NULL, worker_main, &workers[i]) == 0, "thread %d", i);
    }
    int ok = 0;
    for (int i = 0; i < 8; i++) {
        pthread_join(threads[i], NULL);
        ok += workers[i].ok;
    }
    CHECK(ok == 160, "%d of 160 requests succeeded across 8 threads", ok);
    CHECK(spotdraft_sandbox_request_count(sandbox) == 160, "sandbox saw %zu", spotdraft_sandbox_request_count(sandbox));
}

/* A thread with a small stack (as embedded C programs make them): the work must then run
 * on the library's own threads, not on this one. */
static void test_small_stack_thread(const spotdraft_client *client) {
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    CHECK(pthread_attr_setstacksize(&attr, 128 * 1024) == 0, "stack size");
    pthread_t thread;
    struct worker w = {client, 0};
    CHECK(pthread_create(&thread, &attr, worker_main, &w) == 0, "small-stack thread");
    pthread_join(thread, NULL);
    pthread_attr_destroy(&attr);
    CHECK(w.ok == 20, "%d of 20 requests succeeded on a 128 KiB stack", w.ok);
}

static void test_null_handles(void) {
    spotdraft_error_free(NULL);
    spotdraft_client_free(NULL);
    spotdraft_credential_free(NULL);
    spotdraft_sandbox_stop(NULL);
    CHECK(spotdraft_error_status(NULL) == SPOTDRAFT_INTERNAL, "status of NULL error");
    CHECK(spotdraft_error_kind(NULL) == NULL && spotdraft_error_message(NULL) == NULL, "text of NULL error");
    CHECK(spotdraft_error_http_status(NULL) == 0 && spotdraft_error_attempts(NULL) == 0, "numbers of NULL error");
    CHECK(spotdraft_error_sd_code(NULL) == NULL && spotdraft_error_field_errors_json(NULL) == NULL, "NULL error");
    CHECK(!spotdraft_error_retryable(NULL) && spotdraft_error_hint(NULL) == NULL, "NULL error");
    CHECK(spotdraft_error_request_id(NULL) == NULL, "NULL error");
    CHECK(spotdraft_sandbox_base_url(NULL) == NULL && spotdraft_sandbox_request_count(NULL) == 0, "NULL sandbox");
    spotdraft_error *err = NULL;
    spotdraft_status status = spotdraft_sandbox_inject_fault(NULL, "{}", &err);
    check_error(status, err, SPOTDRAFT_INVALID_ARGUMENT, "invalid_argument", "NULL sandbox");
    spotdraft_error_free(err);
    CHECK(spotdraft_store_open(NULL, NULL, NULL) == SPOTDRAFT_INVALID_ARGUMENT, "NULL out");
}

int main(void) {
    snprintf(tmp_dir, sizeof tmp_dir, "/tmp/spotdraft-c-test-XXXXXX");
    if (!mkdtemp(tmp_dir)) {
        perror("mkdtemp");
        return 2;
    }
    spotdraft_error *err = NULL;
    spotdraft_sandbox *sandbox = NULL;
    if (spotdraft_sandbox_start(false, &sandbox, &err) != SPOTDRAFT_OK) {
        fprintf(stderr, "sandbox: %s\n", error_text(err));
        return 2;
    }
    spotdraft_status status = spotdraft_sandbox_inject_fault(sandbox, "{\"nonsense\":1}", &err);
    check_error(status, err, SPOTDRAFT_INVALID_ARGUMENT, "invalid_argument", "bad fault rule");
    spotdraft_error_free(err);

    spotdraft_client *client = sandbox_client(sandbox, spotdraft_sandbox_demo_client_secret(), NULL, 4, 10000);
    test_version();
    test_credentials();
    test_builder(sandbox);
    test_builder_errors_freed();
    test_requests(sandbox, client);
    test_http_error_kinds(sandbox);
    test_canary_secret(sandbox);
    test_rate_limit_url(sandbox);
    test_call_verify_as_user(sandbox, client);
    test_pager(sandbox, client);
    test_download(client);
    test_webhooks();
    test_store_and_resolution(sandbox);
    test_store_rate_limit_url(sandbox);
    test_threads(sandbox, client);
    test_small_stack_thread(client);
    test_null_handles();
    spotdraft_client_free(client);
    spotdraft_sandbox_stop(sandbox);

    char command[600];
    snprintf(command, sizeof command, "rm -rf '%s'", tmp_dir);
    if (system(command) != 0) fprintf(stderr, "could not remove %s\n", tmp_dir);
    return finish();
}
