package templates

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"strings"
)

// ErrRepeatedPage is yielded, wrapped with the page number, when a page holds
// the same items as the page before it: a server that ignores the page
// number would otherwise be asked for page after page. The repeated items are
// not yielded again.
var ErrRepeatedPage = errors.New("the server seems to ignore the page number")

// ErrPageLimit is yielded, wrapped with the count, when an iteration has
// fetched the number of pages set with WithMaxPages and the server has not
// said that the list ended.
var ErrPageLimit = errors.New("page limit reached")

// paginate yields the items of a page-numbered list, fetching page after page
// with the caller's ctx. It ends without an error after an empty page, after
// page totalPages when fetch reports a total above zero (an absent, zero or
// negative total says nothing), or when the consumer stops. It ends with an
// error, yielded once with a zero item, at the first error of fetch, at a
// page whose items equal those of the page before (ErrRepeatedPage), and when
// maxPages pages were fetched and more would follow (ErrPageLimit; a maxPages
// of zero or less sets no cap). Two consecutive pages with the same items
// thus end the iteration even when the list really holds them twice; lists
// of distinct resources never do.
func paginate[T any](ctx context.Context, maxPages, firstPage int, fetch func(ctx context.Context, page int) (items []T, totalPages int, err error)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		var last []T
		for page, fetched := firstPage, 1; ; page, fetched = page+1, fetched+1 {
			items, totalPages, err := fetch(ctx, page)
			if err != nil {
				yield(zero, err)
				return
			}
			if len(items) == 0 {
				return
			}
			if fetched > 1 && reflect.DeepEqual(items, last) {
				yield(zero, fmt.Errorf("page %d: the same items as page %d: %w", page, page-1, ErrRepeatedPage))
				return
			}
			for _, it := range items {
				if !yield(it, nil) {
					return
				}
			}
			if totalPages > 0 && page >= totalPages {
				return
			}
			if maxPages > 0 && fetched >= maxPages {
				yield(zero, fmt.Errorf("%w: %d pages fetched, the limit set by WithMaxPages; page %d not fetched", ErrPageLimit, fetched, page+1))
				return
			}
			last = items
		}
	}
}

// ErrForeignPage is returned, wrapped with both origins, when a list gives
// as its next page (a URL in the body or in the Link header) a URL on
// another scheme, host or port than the client's base URL. It is not
// followed: the request would carry the client's credentials to a server
// the caller never chose.
var ErrForeignPage = errors.New("the next page is on another origin than the base URL: not followed")

// paginateBy yields the items of a list whose pages are found by a key: an
// offset, a cursor or a URL. It fetches the page at first, then at the next
// key each page gives, with the caller's ctx, until a page says that none
// follows (more is false), a page is empty, or the consumer stops. fetch
// sends the caller's parameters unchanged when at is first.
//
// It ends with an error, yielded once with a zero item, at the first error
// of fetch, at a page whose items equal those of the page before, or whose
// next key is the key of that page or of the one before it (a server that
// ignores the cursor, or sends two pages back and forth: ErrRepeatedPage),
// and when maxPages pages were fetched and more would follow (ErrPageLimit;
// zero or less sets no cap).
func paginateBy[T any, K comparable](ctx context.Context, maxPages int, first K, fetch func(ctx context.Context, at K) (items []T, next K, more bool, err error)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		var last []T
		at, before := first, first
		for fetched := 1; ; fetched++ {
			items, next, more, err := fetch(ctx, at)
			if err != nil {
				yield(zero, err)
				return
			}
			if len(items) == 0 {
				return
			}
			if fetched > 1 && reflect.DeepEqual(items, last) {
				yield(zero, fmt.Errorf("page %d: the same items as page %d: %w", fetched, fetched-1, ErrRepeatedPage))
				return
			}
			for _, it := range items {
				if !yield(it, nil) {
					return
				}
			}
			if !more {
				return
			}
			if next == at || fetched > 1 && next == before {
				back := fetched
				if next != at {
					back--
				}
				yield(zero, fmt.Errorf("page %d: the next page it names is page %d again: %w", fetched, back, ErrRepeatedPage))
				return
			}
			if maxPages > 0 && fetched >= maxPages {
				yield(zero, fmt.Errorf("%w: %d pages fetched, the limit set by WithMaxPages; page %d not fetched", ErrPageLimit, fetched, fetched+1))
				return
			}
			last, before, at = items, at, next
		}
	}
}

// pageOptions returns the options of one page of a list that pages by URL:
// opts, then the page's URL (none for the first page) and where to store
// the response's headers (nil when not needed). opts is not appended to in
// place, so that the caller's slice stays as it was.
func pageOptions(opts []Option, pageURL string, header *http.Header) []Option {
	if pageURL == "" && header == nil {
		return opts
	}
	opts = slices.Clip(opts)
	if pageURL != "" {
		opts = append(opts, func(c *config) { c.pageURL = pageURL })
	}
	if header != nil {
		opts = append(opts, func(c *config) { c.pageHeader = header })
	}
	return opts
}

// pageTarget resolves the URL a list gave for its next page against the
// base URL (a relative one, such as "/v2/items?page=2", is common) and
// refuses one on another origin with ErrForeignPage: the request would carry
// the client's credentials there. User information in the URL is dropped
// for the same reason, and the fragment, which is never sent. Neither URL
// is quoted in the error: either may hold a secret.
func pageTarget(base *url.URL, next string) (string, error) {
	u, err := base.Parse(next)
	if err != nil {
		return "", errors.New("the URL the server gave for the next page does not parse")
	}
	if !strings.EqualFold(u.Scheme, base.Scheme) || !strings.EqualFold(u.Hostname(), base.Hostname()) || portOf(u) != portOf(base) {
		return "", fmt.Errorf("%w: %s://%s, the base URL is on %s://%s", ErrForeignPage, u.Scheme, u.Host, base.Scheme, base.Host)
	}
	u.User, u.Fragment, u.RawFragment = nil, "", ""
	return u.String(), nil
}

// portOf is the URL's port, the scheme's default when it names none.
func portOf(u *url.URL) string {
	if p := u.Port(); p != "" {
		return p
	}
	if strings.EqualFold(u.Scheme, "http") {
		return "80"
	}
	return "443"
}

// nextLink is the target of the Link header's link with rel "next" (RFC
// 8288: `<https://api.example.com/items?page=2>; rel="next"`), among every
// Link header and every link in each; "" when there is none. A header that
// does not parse ends the search there: it names no next page.
func nextLink(h http.Header) string {
	for _, v := range h.Values("Link") {
		for {
			v = strings.TrimLeft(v, " \t,")
			if !strings.HasPrefix(v, "<") {
				break
			}
			end := strings.IndexByte(v, '>')
			if end < 0 {
				break
			}
			target := v[1:end]
			params, rest := cutLinkParams(v[end+1:])
			if relIsNext(params) {
				return target
			}
			v = rest
		}
	}
	return ""
}

// cutLinkParams splits the parameters of one link from the links after it,
// at the first comma outside a quoted string.
func cutLinkParams(s string) (params, rest string) {
	quoted := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\' && quoted:
			i++
		case c == '"':
			quoted = !quoted
		case c == ',' && !quoted:
			return s[:i], s[i+1:]
		}
	}
	return s, ""
}

// relIsNext reports whether a link's parameters have a rel whose
// space-separated values include next.
func relIsNext(params string) bool {
	for _, p := range strings.Split(params, ";") {
		name, value, ok := strings.Cut(p, "=")
		if !ok || !strings.EqualFold(strings.TrimSpace(name), "rel") {
			continue
		}
		for _, rel := range strings.Fields(strings.Trim(strings.TrimSpace(value), `"`)) {
			if strings.EqualFold(rel, "next") {
				return true
			}
		}
	}
	return false
}
