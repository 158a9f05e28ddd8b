#ifndef TRUSTMARK_LIBCURL_SHIM_H
#define TRUSTMARK_LIBCURL_SHIM_H

#include <stddef.h>

/// One HTTP GET through the system's libcurl, which is loaded with dlopen on the first request (commands that never
/// reach the network never load it). Redirects are not followed, bodies are not decoded, and every limit is enforced
/// while the bytes arrive: the whole exchange ends by `timeout_ms`, a body past `max_body` or headers past
/// `max_headers` abort the transfer at once.
typedef struct tm_http_result {
    /// The HTTP status, or one of the TM_HTTP_* failures below.
    long status;
    /// The response headers as received ("Name: value\r\n" lines of the final response), malloc'd.
    char *headers;
    size_t headers_length;
    /// The body, malloc'd.
    unsigned char *body;
    size_t body_length;
    /// For failures: what went wrong, in libcurl's words.
    char message[256];
} tm_http_result;

enum {
    TM_HTTP_TIMEOUT = -1,
    TM_HTTP_CONNECTION = -2,
    TM_HTTP_BODY_TOO_LARGE = -3,
    TM_HTTP_HEADERS_TOO_LARGE = -4,
    TM_HTTP_NO_LIBRARY = -5,
};

/// `header_lines` holds `header_count` "Name: value" strings.
void tm_http_get(const char *url, const char *const *header_lines, size_t header_count, long timeout_ms,
                 size_t max_body, size_t max_headers, tm_http_result *result);

void tm_http_result_free(tm_http_result *result);

#endif
