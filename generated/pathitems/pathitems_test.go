package pathitems

// Wire tests of operations that come from a shared path item
// (components/pathItems): the item's path-level parameters apply.

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSharedPathItem(t *testing.T) {
	type seen struct{ method, uri, trace string }
	var got []seen
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = append(got, seen{r.Method, r.RequestURI, r.Header.Get("X-Trace")})
		if r.Method == http.MethodDelete {
			w.WriteHeader(http.StatusNoContent)
			return
		}
		if r.URL.Path == "/widgets" {
			_, _ = io.WriteString(w, `[{"id":"w1"}]`)
			return
		}
		_, _ = io.WriteString(w, `{"id":"t/1"}`)
	}))
	t.Cleanup(srv.Close)
	c := NewClient(WithBaseURL(srv.URL), WithAPIKey(""))
	ctx := context.Background()

	thing, err := c.Default.GetThingsThingID(ctx, "t/1", GetThingsThingIDParams{XTrace: Some("abc"), Expand: Some(true)})
	require.NoError(t, err)
	assert.Equal(t, Some("t/1"), thing.ID)
	_, err = c.Default.GetArchiveThingsThingID(ctx, "t2", GetArchiveThingsThingIDParams{})
	require.NoError(t, err)
	require.NoError(t, c.Default.DeleteThingsThingID(ctx, "t3", DeleteThingsThingIDParams{XTrace: Some("d")}))
	widgets, err := c.Widgets.List(ctx)
	require.NoError(t, err)
	require.Len(t, *widgets, 1)
	assert.Equal(t, Some("w1"), (*widgets)[0].ID)

	assert.Equal(t, []seen{
		{"GET", "/things/t%2F1?expand=true", "abc"},
		{"GET", "/archive/things/t2", ""},
		{"DELETE", "/things/t3", "d"},
		{"GET", "/widgets", ""},
	}, got)
}
