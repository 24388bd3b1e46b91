package templates

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"reflect"
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
