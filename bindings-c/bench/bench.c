/* Requests per second of sequential keep-alive GETs against the sandbox (its rate limit
 * off), through libspotdraft (its client limiter off) and through libcurl's easy
 * interface reusing one handle, in one run. Prints both rates and their ratio (goal:
 * libspotdraft >= 0.9x libcurl). A benchmark, not a test: it never fails on speed.
 *   usage: bench [requests] [--base-url URL] [--json FILE]
 *          bench --download URL PATH
 * requests: each side; default 4000, after 200 warm-up requests. --base-url uses a running
 * sandbox (rate limit off) instead of an embedded one; --json also writes the figures.
 * --download: peak RSS before and after downloading contract T-1001 to PATH, as JSON. */
#define _POSIX_C_SOURCE 200809L
#include <curl/curl.h>
#include <spotdraft.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PATH "/api/v2.1/public/contracts/?limit=1"

static double now_s(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void die(const char *what, spotdraft_error *err) {
    fprintf(stderr, "%s: %s\n", what, err ? spotdraft_error_message(err) : "failed");
    exit(1);
}

static double bench_spotdraft(const spotdraft_client *client, int n) {
    double start = now_s();
    for (int i = 0; i < n; i++) {
        spotdraft_response *response = NULL;
        spotdraft_error *err = NULL;
        if (spotdraft_client_request(client, "GET", PATH, NULL, &response, &err) != SPOTDRAFT_OK)
            die("libspotdraft GET", err);
        spotdraft_response_free(response);
    }
    return n / (now_s() - start);
}

struct buffer {
    size_t len;
};

static size_t swallow(char *data, size_t size, size_t count, void *user) {
    (void)data;
    ((struct buffer *)user)->len += size * count;
    return size * count;
}

static double bench_curl(CURL *curl, int n) {
    double start = now_s();
    for (int i = 0; i < n; i++) {
        struct buffer body = {0};
        curl_easy_setopt(curl, CURLOPT_WRITEDATA, &body);
        CURLcode code = curl_easy_perform(curl);
        long status = 0;
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
        if (code != CURLE_OK || status != 200 || body.len == 0) {
            fprintf(stderr, "curl GET: %s, HTTP %ld\n", curl_easy_strerror(code), status);
            exit(1);
        }
    }
    return n / (now_s() - start);
}

static int by_value(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(const double *values, int count) {
    double sorted[64];
    memcpy(sorted, values, sizeof(double) * (size_t)count);
    qsort(sorted, (size_t)count, sizeof(double), by_value);
    return count % 2 ? sorted[count / 2] : (sorted[count / 2 - 1] + sorted[count / 2]) / 2;
}

static double min_of(const double *values, int count) {
    double m = values[0];
    for (int i = 1; i < count; i++) m = values[i] < m ? values[i] : m;
    return m;
}

static double max_of(const double *values, int count) {
    double m = values[0];
    for (int i = 1; i < count; i++) m = values[i] > m ? values[i] : m;
    return m;
}

static spotdraft_client *new_client(const char *base) {
    spotdraft_error *err = NULL;
    spotdraft_credential *credential = NULL;
    if (spotdraft_credential_new(spotdraft_sandbox_demo_client_id(), spotdraft_sandbox_demo_client_secret(), NULL,
                                 &credential, &err) != SPOTDRAFT_OK)
        die("credential", err);
    spotdraft_client_builder *builder = spotdraft_client_builder_new(credential);
    spotdraft_credential_free(credential);
    if (spotdraft_client_builder_set_base_url(builder, base, &err) != SPOTDRAFT_OK) die("base url", err);
    if (spotdraft_client_builder_set_rate_limit(builder, 0, &err) != SPOTDRAFT_OK) die("rate limit", err);
    spotdraft_client *client = NULL;
    if (spotdraft_client_builder_build(builder, &client, &err) != SPOTDRAFT_OK) die("client", err);
    return client;
}

/* VmHWM, not getrusage's ru_maxrss: Linux carries ru_maxrss over fork and exec, so this
 * process would report at least the size of whatever started it. */
static long peak_kib(void) {
    FILE *status = fopen("/proc/self/status", "r");
    char line[256];
    long kib = -1;
    while (status && fgets(line, sizeof line, status))
        if (sscanf(line, "VmHWM: %ld kB", &kib) == 1) break;
    if (status) fclose(status);
    if (kib < 0) {
        fprintf(stderr, "bench: no VmHWM in /proc/self/status (this measurement needs Linux)\n");
        exit(1);
    }
    return kib;
}

/* A fresh process: one small request first (runtime and pool warm), so the peak before the
 * download is the library's idle footprint and the growth is the download's own. */
static int download(const char *base, const char *path) {
    spotdraft_client *client = new_client(base);
    spotdraft_response *response = NULL;
    spotdraft_error *err = NULL;
    if (spotdraft_client_request(client, "GET", PATH, NULL, &response, &err) !=
        SPOTDRAFT_OK)
        die("libspotdraft GET", err);
    spotdraft_response_free(response);
    long before = peak_kib();
    uint64_t bytes = 0;
    if (spotdraft_contract_download_to_file(client, "T-1001", path, true, NULL, NULL, &bytes, &err) != SPOTDRAFT_OK)
        die("libspotdraft download", err);
    printf("{\"bytes\": %llu, \"baseline_kib\": %ld, \"peak_kib\": %ld}\n", (unsigned long long)bytes, before,
           peak_kib());
    spotdraft_client_free(client);
    return 0;
}

int main(int argc, char **argv) {
    if (argc == 4 && strcmp(argv[1], "--download") == 0) return download(argv[2], argv[3]);
    int n = 4000;
    const char *external = NULL, *json_path = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--base-url") == 0 && i + 1 < argc) {
            external = argv[++i];
        } else if (strcmp(argv[i], "--json") == 0 && i + 1 < argc) {
            json_path = argv[++i];
        } else if (atoi(argv[i]) > 0) {
            n = atoi(argv[i]);
        } else {
            fprintf(stderr, "bench: unknown argument %s (usage: bench [requests] [--base-url URL] [--json FILE])\n",
                    argv[i]);
            return 2;
        }
    }
    spotdraft_error *err = NULL;
    spotdraft_sandbox *sandbox = NULL;
    if (!external && spotdraft_sandbox_start(false, &sandbox, &err) != SPOTDRAFT_OK) die("sandbox", err);
    const char *base = external ? external : spotdraft_sandbox_base_url(sandbox);
    spotdraft_client *client = new_client(base);

    curl_global_init(CURL_GLOBAL_DEFAULT);
    CURL *curl = curl_easy_init();
    char url[512], id[256], secret[256];
    snprintf(url, sizeof url, "%s%s", base, PATH);
    snprintf(id, sizeof id, "client-id: %s", spotdraft_sandbox_demo_client_id());
    snprintf(secret, sizeof secret, "client-secret: %s", spotdraft_sandbox_demo_client_secret());
    struct curl_slist *headers = curl_slist_append(NULL, id);
    headers = curl_slist_append(headers, secret);
    headers = curl_slist_append(headers, "Accept: application/json");
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, swallow);
    curl_easy_setopt(curl, CURLOPT_TCP_NODELAY, 1L);

    bench_spotdraft(client, 200); /* warm up: connections, caches */
    bench_curl(curl, 200);
    /* Short alternating rounds (order swapped each round), so that load from other
     * processes on a shared machine hits both sides alike; medians of the rounds. */
    enum { ROUNDS = 10 };
    double sd[ROUNDS], cu[ROUNDS], ratio[ROUNDS];
    int per_round = n / ROUNDS > 0 ? n / ROUNDS : 1;
    for (int r = 0; r < ROUNDS; r++) {
        if (r % 2 == 0) {
            sd[r] = bench_spotdraft(client, per_round);
            cu[r] = bench_curl(curl, per_round);
        } else {
            cu[r] = bench_curl(curl, per_round);
            sd[r] = bench_spotdraft(client, per_round);
        }
        ratio[r] = sd[r] / cu[r];
    }
    printf("sequential keep-alive GET %s, %d rounds of %d requests each side, libspotdraft %s\n", PATH, ROUNDS,
           per_round, spotdraft_version());
    printf("libspotdraft: %8.0f requests/s (median)\n", median(sd, ROUNDS));
    printf("libcurl:      %8.0f requests/s (median)\n", median(cu, ROUNDS));
    printf("ratio libspotdraft/libcurl: %.2fx median of rounds, %.2fx..%.2fx range (goal >= 0.90x)\n",
           median(ratio, ROUNDS), min_of(ratio, ROUNDS), max_of(ratio, ROUNDS));
    if (json_path) {
        FILE *out = fopen(json_path, "w");
        if (!out) {
            perror(json_path);
            return 1;
        }
        fprintf(out,
                "{\"face\": \"c\", \"rounds\": %d, \"per_round\": %d, \"spotdraft_rps\": %.1f, "
                "\"libcurl_rps\": %.1f, \"ratio_median\": %.4f, \"ratio_min\": %.4f, \"ratio_max\": %.4f}\n",
                ROUNDS, per_round, median(sd, ROUNDS), median(cu, ROUNDS), median(ratio, ROUNDS), min_of(ratio, ROUNDS),
                max_of(ratio, ROUNDS));
        fclose(out);
    }

    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
    curl_global_cleanup();
    spotdraft_client_free(client);
    if (sandbox) spotdraft_sandbox_stop(sandbox);
    return 0;
}
