package templates

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
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
