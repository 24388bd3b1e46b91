package pagination

// Wire tests of the iterators, one list per pagination scheme, against an
// httptest server that serves five items two to a page.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// mode is how the server misbehaves.
type mode int

const (
	normal      mode = iota
	emptySecond      // the second page is empty, though the first says more follow
	ignoreKey        // every page holds the first page's items, though each names the next
	foreign          // the first page names a next page on another origin
)

type server struct {
	t       *testing.T
	srv     *httptest.Server
	other   string // the URL of another origin, for foreign
	mode    mode
	mu      sync.Mutex
	reqs    []*http.Request
	onFirst func() // called while serving the first request
}

var all = []string{"i1", "i2", "i3", "i4", "i5"}

const perPage = 2

func newServer(t *testing.T, m mode) (*server, *Client) {
	s := &server{t: t, mode: m}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.srv.Close)
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("a request went to the other origin: %s", r.URL)
	}))
	t.Cleanup(other.Close)
	s.other = other.URL
	return s, NewClient(WithBaseURL(s.srv.URL+"/v1"), WithAPIKey("secret-key-123"), WithMaxRetries(0))
}

func (s *server) requests() []*http.Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]*http.Request(nil), s.reqs...)
}

// page is the 0-based page a request asks for, by its scheme's key.
func page(r *http.Request) int {
	q := r.URL.Query()
	n := func(s string) int {
		v, _ := strconv.Atoi(s)
		return v
	}
	switch strings.TrimPrefix(r.URL.Path, "/v1") {
	case "/numbered":
		if q.Has("page") {
			return n(q.Get("page")) - 1
		}
	case "/accounts/acc/offsets":
		return n(q.Get("offset")) / perPage
	case "/charges":
		if a := q.Get("starting_after"); a != "" {
			return n(strings.TrimPrefix(a, "i")) / perPage
		}
	case "/cursors":
		return n(strings.TrimPrefix(q.Get("cursor"), "c"))
	case "/tokens":
		return n(strings.TrimPrefix(q.Get("page_token"), "t"))
	default:
		if q.Has("page") {
			return n(q.Get("page")) - 1
		}
	}
	return 0
}

func (s *server) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.reqs = append(s.reqs, r)
	first := len(s.reqs) == 1
	s.mu.Unlock()
	if first && s.onFirst != nil {
		s.onFirst()
	}
	idx := page(r)
	hasNext := idx < (len(all)-1)/perPage
	shown := idx
	var items []Item
	switch s.mode {
	case emptySecond:
		hasNext = true
	case ignoreKey:
		shown = 0
	}
	if s.mode != emptySecond || idx == 0 {
		for _, id := range all[min(shown*perPage, len(all)):min(shown*perPage+perPage, len(all))] {
			items = append(items, Item{ID: id, Name: Some("item " + id)})
		}
	}
	if items == nil {
		items = []Item{}
	}
	nextURL := func(path string, absolute bool) any {
		if !hasNext {
			return nil
		}
		u := fmt.Sprintf("/v1%s?page=%d", path, idx+2)
		switch {
		case s.mode == foreign:
			return s.other + u
		case absolute:
			return s.srv.URL + u + "&search=x"
		}
		return u
	}
	var body any
	switch strings.TrimPrefix(r.URL.Path, "/v1") {
	case "/numbered":
		body = map[string]any{"items": items, "pagination": map[string]any{"total_pages": 3}}
	case "/accounts/acc/offsets":
		body = map[string]any{"results": items, "total": len(all)}
	case "/charges":
		body = map[string]any{"object": "list", "data": items, "has_more": hasNext}
	case "/cursors":
		var next any
		if hasNext {
			next = fmt.Sprintf("c%d", idx+1)
		}
		body = map[string]any{"data": items, "meta": map[string]any{"next_cursor": next}}
	case "/tokens":
		next := ""
		if hasNext {
			next = fmt.Sprintf("t%d", idx+1)
		}
		body = map[string]any{"items": items, "next_page_token": next}
	case "/next-urls":
		body = map[string]any{"count": len(all), "next": nextURL("/next-urls", true), "previous": nil, "results": items}
	case "/links":
		links := map[string]any{"self": r.URL.String()}
		if next := nextURL("/links", false); next != nil {
			links["next"] = next
		}
		body = map[string]any{"data": items, "links": links}
	case "/linked":
		w.Header().Add("Link", fmt.Sprintf(`<%s/v1/linked?page=1>; rel="first"`, s.srv.URL))
		if next := nextURL("/linked", true); next != nil {
			w.Header().Add("Link", fmt.Sprintf(`<%s>; rel="next", <%s/v1/linked?page=3>; rel="last"`, next, s.srv.URL))
		}
		body = items
	default:
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	require.NoError(s.t, json.NewEncoder(w).Encode(body))
}

// lists are the iterators, one per scheme, with the path each requests.
var lists = []struct {
	name string
	path string
	all  func(c *Client, ctx context.Context, opts ...Option) iter.Seq2[Item, error]
}{
	{"page number", "/v1/numbered", func(c *Client, ctx context.Context, opts ...Option) iter.Seq2[Item, error] {
		return c.Default.ListNumberedAll(ctx, ListNumberedParams{PageSize: Some[int64](2)}, opts...)
	}},
	{"offset", "/v1/accounts/acc/offsets", func(c *Client, ctx context.Context, opts ...Option) iter.Seq2[Item, error] {
		return c.Default.ListOffsetsAll(ctx, "acc", ListOffsetsParams{Limit: Some[int32](2)}, opts...)
	}},
	{"last item's id", "/v1/charges", func(c *Client, ctx context.Context, opts ...Option) iter.Seq2[Item, error] {
		return c.Default.ListChargesAll(ctx, ListChargesParams{Limit: Some[int64](2)}, opts...)
	}},
	{"next_cursor", "/v1/cursors", func(c *Client, ctx context.Context, opts ...Option) iter.Seq2[Item, error] {
		return c.Default.ListCursorsAll(ctx, ListCursorsParams{}, opts...)
	}},
	{"next_page_token", "/v1/tokens", func(c *Client, ctx context.Context, opts ...Option) iter.Seq2[Item, error] {
		return c.Default.ListTokensAll(ctx, ListTokensParams{PageSize: Some[int64](2)}, opts...)
	}},
	{"next URL", "/v1/next-urls", func(c *Client, ctx context.Context, opts ...Option) iter.Seq2[Item, error] {
		return c.Default.ListNextURLsAll(ctx, ListNextURLsParams{Search: Some("x")}, opts...)
	}},
	{"links.next", "/v1/links", func(c *Client, ctx context.Context, opts ...Option) iter.Seq2[Item, error] {
		return c.Default.ListLinksAll(ctx, opts...)
	}},
	{"Link header", "/v1/linked", func(c *Client, ctx context.Context, opts ...Option) iter.Seq2[Item, error] {
		return c.Default.ListLinkedAll(ctx, ListLinkedParams{PerPage: Some[int64](2)}, opts...)
	}},
}

// collect ranges over seq, at most 100 times.
func collect(seq iter.Seq2[Item, error]) (ids []string, errs []error) {
	n := 0
	for it, err := range seq {
		if n++; n > 100 {
			break
		}
		if err != nil {
			errs = append(errs, err)
			continue
		}
		ids = append(ids, it.ID)
	}
	return ids, errs
}

func TestIteratesEveryPage(t *testing.T) {
	wantQueries := map[string][]string{
		"page number":     {"page=1&page_size=2", "page=2&page_size=2", "page=3&page_size=2"},
		"offset":          {"limit=2", "offset=2&limit=2", "offset=4&limit=2"},
		"last item's id":  {"limit=2", "limit=2&starting_after=i2", "limit=2&starting_after=i4"},
		"next_cursor":     {"", "cursor=c1", "cursor=c2"},
		"next_page_token": {"page_size=2", "page_token=t1&page_size=2", "page_token=t2&page_size=2"},
		"next URL":        {"search=x", "page=2&search=x", "page=3&search=x"},
		"links.next":      {"", "page=2", "page=3"},
		"Link header":     {"per_page=2", "page=2&search=x", "page=3&search=x"},
	}
	for _, l := range lists {
		t.Run(l.name, func(t *testing.T) {
			s, c := newServer(t, normal)
			ids, errs := collect(l.all(c, context.Background(), WithHeader("X-Call", "mine")))
			assert.Empty(t, errs)
			assert.Equal(t, all, ids)
			reqs := s.requests()
			var queries []string
			for _, r := range reqs {
				assert.Equal(t, l.path, r.URL.Path)
				assert.Equal(t, "mine", r.Header.Get("X-Call"), "the call's options on every page")
				assert.Equal(t, "Bearer secret-key-123", r.Header.Get("Authorization"))
				queries = append(queries, r.URL.RawQuery)
			}
			assert.Equal(t, wantQueries[l.name], queries)

			// A second range starts from the caller's parameters again.
			ids, errs = collect(l.all(c, context.Background()))
			assert.Empty(t, errs)
			assert.Equal(t, all, ids)
		})
	}
}

func TestStopsOnAnEmptyPage(t *testing.T) {
	for _, l := range lists {
		t.Run(l.name, func(t *testing.T) {
			s, c := newServer(t, emptySecond)
			ids, errs := collect(l.all(c, context.Background()))
			assert.Empty(t, errs)
			assert.Equal(t, all[:2], ids)
			assert.Len(t, s.requests(), 2)
		})
	}
}

func TestStopsOnARepeatedPage(t *testing.T) {
	for _, l := range lists {
		t.Run(l.name, func(t *testing.T) {
			s, c := newServer(t, ignoreKey)
			ids, errs := collect(l.all(c, context.Background()))
			assert.Equal(t, all[:2], ids, "the repeated items are not yielded")
			require.Len(t, errs, 1)
			assert.ErrorIs(t, errs[0], ErrRepeatedPage)
			assert.Len(t, s.requests(), 2)
		})
	}
}

func TestStopsAtThePageCap(t *testing.T) {
	for _, l := range lists {
		t.Run(l.name, func(t *testing.T) {
			s, c := newServer(t, normal)
			ids, errs := collect(l.all(c, context.Background(), WithMaxPages(2)))
			assert.Equal(t, all[:4], ids)
			require.Len(t, errs, 1)
			assert.ErrorIs(t, errs[0], ErrPageLimit)
			assert.Len(t, s.requests(), 2)
		})
	}
}

func TestCancelStopsTheIteration(t *testing.T) {
	for _, l := range lists {
		t.Run(l.name, func(t *testing.T) {
			s, c := newServer(t, normal)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			var ids []string
			var errs []error
			for it, err := range l.all(c, ctx) {
				if err != nil {
					errs = append(errs, err)
					continue
				}
				ids = append(ids, it.ID)
				cancel()
				if len(ids) > 10 {
					break
				}
			}
			assert.Equal(t, all[:2], ids, "the page in hand is yielded")
			require.Len(t, errs, 1)
			assert.ErrorIs(t, errs[0], context.Canceled)
			assert.Len(t, s.requests(), 1, "no request after the cancel")
		})
	}
}

func TestCancelDuringARequest(t *testing.T) {
	s, c := newServer(t, normal)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s.onFirst = cancel
	ids, errs := collect(c.Default.ListCursorsAll(ctx, ListCursorsParams{}))
	assert.Empty(t, ids)
	require.Len(t, errs, 1)
	assert.ErrorIs(t, errs[0], context.Canceled)
}

func TestANextPageOnAnotherOriginIsNotFollowed(t *testing.T) {
	for _, l := range lists {
		if l.name != "next URL" && l.name != "links.next" && l.name != "Link header" {
			continue
		}
		t.Run(l.name, func(t *testing.T) {
			s, c := newServer(t, foreign)
			ids, errs := collect(l.all(c, context.Background()))
			assert.Equal(t, all[:2], ids)
			require.Len(t, errs, 1)
			assert.ErrorIs(t, errs[0], ErrForeignPage)
			assert.Contains(t, errs[0].Error(), strings.TrimPrefix(s.other, "http://"), "the error names the origin")
			assert.NotContains(t, errs[0].Error(), "secret-key-123")
			assert.Len(t, s.requests(), 1)
		})
	}
}

func TestAPageErrorEndsTheIteration(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Has("cursor") {
			http.Error(w, `{"errors":[{"detail":"gone"}]}`, http.StatusGone)
			return
		}
		_, _ = w.Write([]byte(`{"data":[{"id":"a"}],"meta":{"next_cursor":"c1"}}`))
	}))
	defer srv.Close()
	c := NewClient(WithBaseURL(srv.URL), WithAPIKey(""), WithMaxRetries(0))
	ids, errs := collect(c.Default.ListCursorsAll(context.Background(), ListCursorsParams{}))
	assert.Equal(t, []string{"a"}, ids)
	require.Len(t, errs, 1)
	var apiErr *APIError
	require.True(t, errors.As(errs[0], &apiErr))
	assert.Equal(t, http.StatusGone, apiErr.StatusCode)
}

func TestAListWithoutPagesHasNoIterator(t *testing.T) {
	_, ok := any(&DefaultService{}).(interface {
		ListEverythingAll(context.Context, ...Option) iter.Seq2[Item, error]
	})
	assert.False(t, ok)
}
