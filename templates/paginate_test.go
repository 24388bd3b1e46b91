package templates

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// pages serves pages of two items: "p<page>-1", "p<page>-2".
func pages(totalPages, lastWithItems int, errAt int, pagesSeen *[]int) func(ctx context.Context, page int) ([]string, int, error) {
	return func(_ context.Context, page int) ([]string, int, error) {
		*pagesSeen = append(*pagesSeen, page)
		if page == errAt {
			return nil, 0, errors.New("page failed")
		}
		if page > lastWithItems {
			return nil, totalPages, nil
		}
		return []string{fmt.Sprintf("p%d-1", page), fmt.Sprintf("p%d-2", page)}, totalPages, nil
	}
}

func collect(seq func(func(string, error) bool)) (items []string, errs []error) {
	for it, err := range seq {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		items = append(items, it)
	}
	return items, errs
}

func TestPaginateStopsAtTotalPages(t *testing.T) {
	var seen []int
	items, errs := collect(paginate(context.Background(), 0, 1, pages(2, 99, -1, &seen)))
	assert.Equal(t, []string{"p1-1", "p1-2", "p2-1", "p2-2"}, items)
	assert.Empty(t, errs)
	assert.Equal(t, []int{1, 2}, seen)
}

func TestPaginateStopsOnEmptyPage(t *testing.T) {
	var seen []int
	items, _ := collect(paginate(context.Background(), 0, 0, pages(0, 1, -1, &seen)))
	assert.Equal(t, []string{"p0-1", "p0-2", "p1-1", "p1-2"}, items)
	assert.Equal(t, []int{0, 1, 2}, seen, "no total: stop after the first empty page")
}

func TestPaginateYieldsErrorOnce(t *testing.T) {
	var seen []int
	var got []string
	var errs []error
	for it, err := range paginate(context.Background(), 0, 1, pages(5, 99, 2, &seen)) {
		got = append(got, it)
		errs = append(errs, err)
	}
	assert.Equal(t, []string{"p1-1", "p1-2", ""}, got, "the error comes with a zero item")
	require.Len(t, errs, 3)
	assert.EqualError(t, errs[2], "page failed")
	assert.Equal(t, []int{1, 2}, seen)
}

func TestPaginateStopsWhenConsumerBreaks(t *testing.T) {
	var seen []int
	n := 0
	for range paginate(context.Background(), 0, 1, pages(10, 99, -1, &seen)) {
		if n++; n == 3 {
			break
		}
	}
	assert.Equal(t, []int{1, 2}, seen)
}

type pageKey struct{}

func TestPaginatePassesCallerContext(t *testing.T) {
	ctx := context.WithValue(context.Background(), pageKey{}, "mine")
	for _, err := range paginate(ctx, 0, 1, func(got context.Context, _ int) ([]int, int, error) {
		assert.Equal(t, "mine", got.Value(pageKey{}))
		return []int{1}, 1, nil
	}) {
		require.NoError(t, err)
	}
}

func TestPaginateOverHTTPHonoursCancel(t *testing.T) {
	srv, rec := newServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		page := r.URL.Query().Get("page[number]")
		_, _ = io.WriteString(w, `{"data":["item-`+page+`"],"meta":{"total_pages":3}}`)
	})
	c := newTestCore(t, WithBaseURL(srv.URL))
	fetch := func(ctx context.Context, page int) ([]string, int, error) {
		r := newRequest(http.MethodGet, "/porting_orders")
		r.queryParam("page", map[string]int{"number": page}, "deepObject", true)
		var res struct {
			Data []string `json:"data"`
			Meta struct {
				TotalPages int `json:"total_pages"`
			} `json:"meta"`
		}
		err := c.do(ctx, r, &res, nil)
		return res.Data, res.Meta.TotalPages, err
	}

	items, errs := collect(paginate(context.Background(), 0, 1, fetch))
	assert.Equal(t, []string{"item-1", "item-2", "item-3"}, items)
	assert.Empty(t, errs)

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var got []string
	for it, err := range paginate(ctx, 0, 1, fetch) {
		if err != nil {
			require.ErrorIs(t, err, context.Canceled)
			break
		}
		got = append(got, it)
		cancel()
	}
	assert.Equal(t, []string{"item-1"}, got)
	reqs := rec.all()
	require.Len(t, reqs, 4, "no request after the cancel")
	assert.Equal(t, "/porting_orders?page%5Bnumber%5D="+strconv.Itoa(1), reqs[3].URI)
}

// same serves the same two items for every page, with the given total.
func same(total int, seen *[]int) func(context.Context, int) ([]string, int, error) {
	return func(_ context.Context, page int) ([]string, int, error) {
		*seen = append(*seen, page)
		return []string{"a", "b"}, total, nil
	}
}

func TestPaginateStopsOnARepeatedPage(t *testing.T) {
	for _, total := range []int{0, -1, 1 << 40} {
		var seen []int
		items, errs := collect(paginate(context.Background(), 0, 1, same(total, &seen)))
		assert.Equal(t, []string{"a", "b"}, items, "not yielded twice")
		require.Len(t, errs, 1)
		assert.ErrorIs(t, errs[0], ErrRepeatedPage)
		assert.EqualError(t, errs[0], "page 2: the same items as page 1: the server seems to ignore the page number")
		assert.Equal(t, []int{1, 2}, seen)
	}
}

func TestPaginateStopsAtThePageCap(t *testing.T) {
	var seen []int
	items, errs := collect(paginate(context.Background(), 3, 5, pages(0, 1<<30, -1, &seen)))
	assert.Equal(t, []string{"p5-1", "p5-2", "p6-1", "p6-2", "p7-1", "p7-2"}, items)
	require.Len(t, errs, 1)
	assert.ErrorIs(t, errs[0], ErrPageLimit)
	assert.EqualError(t, errs[0], "page limit reached: 3 pages fetched, the limit set by WithMaxPages; page 8 not fetched")
	assert.Equal(t, []int{5, 6, 7}, seen)

	seen = nil
	_, errs = collect(paginate(context.Background(), 3, 1, pages(3, 1<<30, -1, &seen)))
	assert.Empty(t, errs, "a total within the cap ends cleanly")
	assert.Equal(t, []int{1, 2, 3}, seen)

	seen = nil
	_, errs = collect(paginate(context.Background(), 0, 1, pages(50, 1<<30, -1, &seen)))
	assert.Empty(t, errs, "no cap")
	assert.Len(t, seen, 50)
}

func TestMaxPagesOption(t *testing.T) {
	c := newTestCore(t)
	assert.Equal(t, defaultMaxPages, c.maxPages(nil))
	assert.Equal(t, 7, c.maxPages([]Option{WithMaxPages(7)}))
	assert.Equal(t, 0, c.maxPages([]Option{WithMaxPages(-1)}), "no cap")
}

func TestNextLink(t *testing.T) {
	for _, c := range []struct {
		header []string
		want   string
	}{
		{[]string{`<https://a.example/x?page=2>; rel="next", <https://a.example/x?page=9>; rel="last"`}, "https://a.example/x?page=2"},
		{[]string{`<https://a.example/x?page=1>; rel="prev"`, `<https://a.example/x?page=3>; rel=next`}, "https://a.example/x?page=3"},
		{[]string{`<https://a.example/x?a=1,2>; title="a, b"; rel="last", </x?page=2>; rel="prefetch NEXT"`}, "/x?page=2"},
		{[]string{`<https://a.example/x>; rel="last"`}, ""},
		{[]string{`garbage <https://a.example/x>; rel="next"`}, ""},
		{[]string{`<https://a.example/x; rel="next"`}, ""},
		{nil, ""},
	} {
		h := http.Header{"Link": c.header}
		assert.Equal(t, c.want, nextLink(h), "%q", c.header)
	}
}

func TestPageTarget(t *testing.T) {
	base, err := url.Parse("https://api.example.com/v2")
	require.NoError(t, err)
	for next, want := range map[string]string{
		"/v2/items?page=2":                           "https://api.example.com/v2/items?page=2",
		"https://API.example.com:443/v2/items?p=2#x": "https://API.example.com:443/v2/items?p=2",
		"https://user:pw@api.example.com/v2/items":   "https://api.example.com/v2/items",
	} {
		got, err := pageTarget(base, next)
		require.NoError(t, err, next)
		assert.Equal(t, want, got)
	}
	for _, next := range []string{"https://evil.example/v2/items", "http://api.example.com/v2/items", "https://api.example.com:8443/v2", "//evil.example/x"} {
		_, err := pageTarget(base, next)
		assert.ErrorIs(t, err, ErrForeignPage, next)
	}
	_, err = pageTarget(base, "https://api.example.com/%zz")
	assert.EqualError(t, err, "the URL the server gave for the next page does not parse")
}

func TestPageOptionsLeaveTheCallersSliceAlone(t *testing.T) {
	opts := make([]Option, 1, 4)
	opts[0] = WithMaxPages(3)
	var h http.Header
	got := pageOptions(opts, "/next", &h)
	assert.Len(t, got, 3)
	assert.Equal(t, opts[:cap(opts)][1:], make([]Option, 3), "nothing written past the caller's length")
	assert.Len(t, pageOptions(opts, "", nil), 1)
}

// keyed serves pages of one item keyed by at; next gives the page after.
func TestPaginateByStopsOnAKeyPointingBack(t *testing.T) {
	for name, c := range map[string]struct {
		next func(at int) int
		want string
	}{
		"same key":       {func(at int) int { return at }, "page 1: the next page it names is page 1 again: the server seems to ignore the page number"},
		"back and forth": {func(at int) int { return 1 - at }, "page 2: the next page it names is page 1 again: the server seems to ignore the page number"},
	} {
		var seen []int
		items, errs := collect(paginateBy(context.Background(), 0, 0, func(_ context.Context, at int) ([]string, int, bool, error) {
			seen = append(seen, at)
			return []string{fmt.Sprint("item", at)}, c.next(at), true, nil
		}))
		require.Len(t, errs, 1, name)
		assert.ErrorIs(t, errs[0], ErrRepeatedPage)
		assert.EqualError(t, errs[0], c.want)
		assert.Equal(t, len(seen), len(items), name)
	}
}

func TestPaginateByHonoursMoreAndTheCap(t *testing.T) {
	var seen []int
	items, errs := collect(paginateBy(context.Background(), 0, 10, func(_ context.Context, at int) ([]string, int, bool, error) {
		seen = append(seen, at)
		return []string{fmt.Sprint(at)}, at + 1, at < 12, nil
	}))
	assert.Empty(t, errs)
	assert.Equal(t, []string{"10", "11", "12"}, items)

	seen = nil
	_, errs = collect(paginateBy(context.Background(), 2, 0, func(_ context.Context, at int) ([]string, int, bool, error) {
		seen = append(seen, at)
		return []string{fmt.Sprint(at)}, at + 1, true, nil
	}))
	require.Len(t, errs, 1)
	assert.ErrorIs(t, errs[0], ErrPageLimit)
	assert.Equal(t, []int{0, 1}, seen)
}
