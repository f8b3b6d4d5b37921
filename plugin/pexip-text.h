/* pexip-text.h
 * Small text helpers the parsers and the model share: a token inside a
 * header value, port numbers, and one kept copy of a repeated string.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PEXIP_TEXT_H
#define PEXIP_TEXT_H

#include <string.h>
#include <glib.h>
#include <wsutil/wmem/wmem.h>

/* A token inside a header value (not NUL-terminated). */
typedef struct {
    const char *start;
    gsize len;
} pexip_token_t;

/* Whether token is name, ignoring case. */
static inline gboolean
pexip_token_is(const pexip_token_t *token, const char *name)
{
    return token->len == strlen(name) && g_ascii_strncasecmp(token->start, name, token->len) == 0;
}

/* Whether the len bytes at text are the lower-case literal lower
 * (lower_len bytes), ignoring ASCII case: inline, for names compared on
 * every SIP or SDP line. PEXIP_LOWER_IS(text, len, "literal"). */
static inline gboolean
pexip_lower_is(const char *text, gsize len, const char *lower, gsize lower_len)
{
    if (len != lower_len)
        return FALSE;
    for (gsize i = 0; i < len; i++) {
        char c = text[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c + ('a' - 'A'));
        if (c != lower[i])
            return FALSE;
    }
    return TRUE;
}
#define PEXIP_LOWER_IS(text, len, literal) \
    pexip_lower_is((text), (len), "" literal, sizeof(literal) - 1)

/* A port number: len decimal digits, 1-65535. */
static inline gboolean
pexip_port_parse(const char *text, gsize len, guint16 *port)
{
    guint value = 0;
    if (len == 0)
        return FALSE;
    for (gsize i = 0; i < len; i++) {
        if (!g_ascii_isdigit(text[i]) || value > 65535)
            return FALSE;
        value = value * 10 + (guint)(text[i] - '0');
    }
    if (value == 0 || value > 65535)
        return FALSE;
    *port = (guint16)value;
    return TRUE;
}

/* One copy of text in scope, shared by every record that names it (a
 * method, a transport): kept maps each copy to itself. */
static inline const char *
pexip_kept_string(wmem_map_t *kept, wmem_allocator_t *scope, const char *text)
{
    const char *copy = (const char *)wmem_map_lookup(kept, text);
    if (!copy) {
        char *made = wmem_strdup(scope, text);
        wmem_map_insert(kept, made, made);
        copy = made;
    }
    return copy;
}

#endif /* PEXIP_TEXT_H */
