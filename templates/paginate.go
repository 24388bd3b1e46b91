package templates

import (
	"context"
	"iter"
)

// paginate yields the items of a page-numbered list, fetching page after page
// with the caller's ctx. It stops after an empty page, after page totalPages
// when fetch reports a total above zero, when the consumer stops, or at the
// first error, which it yields once with a zero item.
func paginate[T any](ctx context.Context, firstPage int, fetch func(ctx context.Context, page int) (items []T, totalPages int, err error)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		for page := firstPage; ; page++ {
			items, totalPages, err := fetch(ctx, page)
			if err != nil {
				var zero T
				yield(zero, err)
				return
			}
			for _, it := range items {
				if !yield(it, nil) {
					return
				}
			}
			if len(items) == 0 || totalPages > 0 && page >= totalPages {
				return
			}
		}
	}
}
