// The HTTP transport over the system's libcurl, loaded with dlopen on first use.
//
// Why not Foundation's URLSession: on Linux it drives libcurl with automatic content decoding switched on and buffers
// what libcurl delivers before its delegate sees it, so a gzip bomb or an endless body filled gigabytes of memory
// before any size limit could act, and its timeout is an idle timeout. Here every limit is checked inside libcurl's
// own callbacks: the body is not decoded, a body or header block over its limit aborts the transfer at once, and
// CURLOPT_TIMEOUT_MS bounds the whole exchange.
//
// Why dlopen: linking libcurl (directly, or through FoundationNetworking) made every command load it and some twenty
// libraries behind it at start-up, which cost a small-file `trustmark scan` more than the scan itself. No curl headers
// are needed to build: the few declarations below are libcurl's stable ABI (option numbers are fixed forever by
// curl's compatibility promise; see curl/curl.h, CURLOPT(...) and CURLINFO_*).

#include "LibcurlShim.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef void CURL;
struct curl_slist;
typedef int CURLcode;

enum {
    TM_CURLE_OK = 0,
    TM_CURLE_WRITE_ERROR = 23,
    TM_CURLE_OPERATION_TIMEDOUT = 28,
    TM_CURLE_FILESIZE_EXCEEDED = 63,
};

enum {
    TM_CURLOPT_WRITEDATA = 10001,
    TM_CURLOPT_URL = 10002,
    TM_CURLOPT_ERRORBUFFER = 10010,
    TM_CURLOPT_WRITEFUNCTION = 20011,
    TM_CURLOPT_HTTPHEADER = 10023,
    TM_CURLOPT_HEADERDATA = 10029,
    TM_CURLOPT_NOPROGRESS = 43,
    TM_CURLOPT_FOLLOWLOCATION = 52,
    TM_CURLOPT_HEADERFUNCTION = 20079,
    TM_CURLOPT_HTTPGET = 80,
    TM_CURLOPT_NOSIGNAL = 99,
    TM_CURLOPT_MAXFILESIZE_LARGE = 30117,
    TM_CURLOPT_TIMEOUT_MS = 155,
    TM_CURLOPT_CONNECTTIMEOUT_MS = 156,
    TM_CURLOPT_PROTOCOLS = 181,
    TM_CURLOPT_REDIR_PROTOCOLS = 182,
    TM_CURLOPT_DISALLOW_USERNAME_IN_URL = 278,
};

enum { TM_CURLINFO_RESPONSE_CODE = 0x200000 + 2 };
enum { TM_CURLPROTO_HTTP = 1, TM_CURLPROTO_HTTPS = 2 };
enum { TM_CURL_GLOBAL_DEFAULT = 3 };

typedef size_t (*tm_curl_callback)(char *, size_t, size_t, void *);

static struct {
    CURLcode (*global_init)(long);
    CURL *(*easy_init)(void);
    void (*easy_reset)(CURL *);
    void (*easy_cleanup)(CURL *);
    CURLcode (*easy_setopt)(CURL *, int, ...);
    CURLcode (*easy_perform)(CURL *);
    CURLcode (*easy_getinfo)(CURL *, int, ...);
    const char *(*easy_strerror)(CURLcode);
    struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
    void (*slist_free_all)(struct curl_slist *);
    int loaded;
    char problem[200];
} curl;

static pthread_once_t load_once = PTHREAD_ONCE_INIT;

static void load_library(void) {
    static const char *const candidates[] = {
        "libcurl.so.4", "libcurl.so", "libcurl-gnutls.so.4", "libcurl-nss.so.4", "/usr/lib/libcurl.4.dylib", "libcurl.4.dylib",
    };
    void *handle = NULL;
    for (size_t index = 0; index < sizeof candidates / sizeof candidates[0] && handle == NULL; index++) {
        handle = dlopen(candidates[index], RTLD_NOW | RTLD_LOCAL);
    }
    if (handle == NULL) {
        snprintf(curl.problem, sizeof curl.problem, "libcurl (libcurl.so.4) is not installed; install it (Debian: apt-get install libcurl4) to reach the Hub");
        return;
    }
#define TM_LOAD(field, name)                                                                                        \
    *(void **)(&curl.field) = dlsym(handle, name);                                                                 \
    if (curl.field == NULL) {                                                                                      \
        snprintf(curl.problem, sizeof curl.problem, "the installed libcurl has no %s", name);                      \
        return;                                                                                                    \
    }
    TM_LOAD(global_init, "curl_global_init")
    TM_LOAD(easy_init, "curl_easy_init")
    TM_LOAD(easy_reset, "curl_easy_reset")
    TM_LOAD(easy_cleanup, "curl_easy_cleanup")
    TM_LOAD(easy_setopt, "curl_easy_setopt")
    TM_LOAD(easy_perform, "curl_easy_perform")
    TM_LOAD(easy_getinfo, "curl_easy_getinfo")
    TM_LOAD(easy_strerror, "curl_easy_strerror")
    TM_LOAD(slist_append, "curl_slist_append")
    TM_LOAD(slist_free_all, "curl_slist_free_all")
#undef TM_LOAD
    // curl_global_init is not thread-safe; pthread_once makes it run once, before any handle exists.
    if (curl.global_init(TM_CURL_GLOBAL_DEFAULT) != TM_CURLE_OK) {
        snprintf(curl.problem, sizeof curl.problem, "libcurl could not be initialised");
        return;
    }
    curl.loaded = 1;
}

// Idle easy handles keep their connections, so requests to the same host reuse them (TLS set-up is paid once per
// handle, not once per request). At most `pool_capacity` are kept; more concurrent requests create more handles.
enum { pool_capacity = 16 };
static CURL *pool[pool_capacity];
static size_t pool_count = 0;
static pthread_mutex_t pool_lock = PTHREAD_MUTEX_INITIALIZER;

static CURL *take_handle(void) {
    CURL *handle = NULL;
    pthread_mutex_lock(&pool_lock);
    if (pool_count > 0) handle = pool[--pool_count];
    pthread_mutex_unlock(&pool_lock);
    if (handle != NULL) {
        curl.easy_reset(handle);
        return handle;
    }
    return curl.easy_init();
}

static void return_handle(CURL *handle) {
    pthread_mutex_lock(&pool_lock);
    if (pool_count < pool_capacity) {
        pool[pool_count++] = handle;
        handle = NULL;
    }
    pthread_mutex_unlock(&pool_lock);
    if (handle != NULL) curl.easy_cleanup(handle);
}

typedef struct {
    unsigned char *bytes;
    size_t length;
    size_t capacity;
    size_t limit;
    int over;
} buffer;

static int append(buffer *target, const char *data, size_t count) {
    if (count > target->limit || target->length > target->limit - count) {
        target->over = 1;
        return 0;
    }
    if (target->length + count > target->capacity) {
        size_t capacity = target->capacity < 65536 ? 65536 : target->capacity;
        while (capacity < target->length + count) capacity = capacity > SIZE_MAX / 2 ? SIZE_MAX : capacity * 2;
        if (capacity > target->limit) capacity = target->limit;
        unsigned char *grown = realloc(target->bytes, capacity);
        if (grown == NULL) {
            target->over = 1;
            return 0;
        }
        target->bytes = grown;
        target->capacity = capacity;
    }
    memcpy(target->bytes + target->length, data, count);
    target->length += count;
    return 1;
}

static size_t on_body(char *data, size_t size, size_t count, void *context) {
    size_t total = size * count;
    return append((buffer *)context, data, total) ? total : 0;
}

static size_t on_header(char *data, size_t size, size_t count, void *context) {
    buffer *headers = (buffer *)context;
    size_t total = size * count;
    // A new status line starts a new header block (an interim 1xx response came first).
    if (total >= 5 && memcmp(data, "HTTP/", 5) == 0) headers->length = 0;
    return append(headers, data, total) ? total : 0;
}

void tm_http_get(const char *url, const char *const *header_lines, size_t header_count, long timeout_ms,
                 size_t max_body, size_t max_headers, tm_http_result *result) {
    memset(result, 0, sizeof *result);
    pthread_once(&load_once, load_library);
    if (!curl.loaded) {
        result->status = TM_HTTP_NO_LIBRARY;
        snprintf(result->message, sizeof result->message, "%s", curl.problem);
        return;
    }
    CURL *handle = take_handle();
    if (handle == NULL) {
        result->status = TM_HTTP_CONNECTION;
        snprintf(result->message, sizeof result->message, "libcurl could not create a handle");
        return;
    }
    struct curl_slist *list = NULL;
    for (size_t index = 0; index < header_count; index++) list = curl.slist_append(list, header_lines[index]);
    buffer body = {NULL, 0, 0, max_body, 0};
    buffer headers = {NULL, 0, 0, max_headers, 0};
    char error[256] = {0};
    long deadline = timeout_ms > 0 ? timeout_ms : 1;

    curl.easy_setopt(handle, TM_CURLOPT_URL, url);
    curl.easy_setopt(handle, TM_CURLOPT_HTTPGET, 1L);
    curl.easy_setopt(handle, TM_CURLOPT_HTTPHEADER, list);
    curl.easy_setopt(handle, TM_CURLOPT_NOSIGNAL, 1L);
    curl.easy_setopt(handle, TM_CURLOPT_NOPROGRESS, 1L);
    curl.easy_setopt(handle, TM_CURLOPT_FOLLOWLOCATION, 0L);
    curl.easy_setopt(handle, TM_CURLOPT_PROTOCOLS, (long)(TM_CURLPROTO_HTTP | TM_CURLPROTO_HTTPS));
    curl.easy_setopt(handle, TM_CURLOPT_REDIR_PROTOCOLS, (long)(TM_CURLPROTO_HTTP | TM_CURLPROTO_HTTPS));
    curl.easy_setopt(handle, TM_CURLOPT_DISALLOW_USERNAME_IN_URL, 1L);
    curl.easy_setopt(handle, TM_CURLOPT_TIMEOUT_MS, deadline);
    curl.easy_setopt(handle, TM_CURLOPT_CONNECTTIMEOUT_MS, deadline);
    curl.easy_setopt(handle, TM_CURLOPT_MAXFILESIZE_LARGE, (int64_t)(max_body > INT64_MAX ? INT64_MAX : max_body));
    curl.easy_setopt(handle, TM_CURLOPT_WRITEFUNCTION, (tm_curl_callback)on_body);
    curl.easy_setopt(handle, TM_CURLOPT_WRITEDATA, (void *)&body);
    curl.easy_setopt(handle, TM_CURLOPT_HEADERFUNCTION, (tm_curl_callback)on_header);
    curl.easy_setopt(handle, TM_CURLOPT_HEADERDATA, (void *)&headers);
    curl.easy_setopt(handle, TM_CURLOPT_ERRORBUFFER, error);

    CURLcode code = curl.easy_perform(handle);
    long status = 0;
    curl.easy_getinfo(handle, TM_CURLINFO_RESPONSE_CODE, &status);
    // The error buffer belongs to this call's stack: unset it before the handle goes back to the pool.
    curl.easy_setopt(handle, TM_CURLOPT_ERRORBUFFER, (char *)NULL);
    curl.slist_free_all(list);

    if (code == TM_CURLE_OK) {
        result->status = status;
    } else if (body.over || code == TM_CURLE_FILESIZE_EXCEEDED) {
        result->status = TM_HTTP_BODY_TOO_LARGE;
    } else if (headers.over) {
        result->status = TM_HTTP_HEADERS_TOO_LARGE;
    } else if (code == TM_CURLE_OPERATION_TIMEDOUT) {
        result->status = TM_HTTP_TIMEOUT;
    } else {
        result->status = TM_HTTP_CONNECTION;
        snprintf(result->message, sizeof result->message, "%s", error[0] ? error : curl.easy_strerror(code));
    }
    if (result->status < 0) {
        free(body.bytes);
        free(headers.bytes);
        // A failed transfer may leave its connection half-read: the handle and its connections are not reused.
        curl.easy_cleanup(handle);
        return;
    }
    result->body = body.bytes;
    result->body_length = body.length;
    result->headers = (char *)headers.bytes;
    result->headers_length = headers.length;
    return_handle(handle);
}

void tm_http_result_free(tm_http_result *result) {
    free(result->body);
    free(result->headers);
    result->body = NULL;
    result->headers = NULL;
}
