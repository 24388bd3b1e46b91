package errorbodies

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const key = "sk_live_errorbodies_secret"

type seen struct {
	method, uri string
	header      http.Header
	body        string
}

// server answers request n with reply(n) and records what it got.
type server struct {
	*httptest.Server
	mu   sync.Mutex
	reqs []seen
}

func newServer(t *testing.T, reply func(w http.ResponseWriter, r *http.Request, n int)) (*server, *Client) {
	t.Helper()
	s := &server{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		s.mu.Lock()
		n := len(s.reqs)
		s.reqs = append(s.reqs, seen{r.Method, r.RequestURI, r.Header.Clone(), string(b)})
		s.mu.Unlock()
		reply(w, r, n)
	}))
	t.Cleanup(s.Close)
	t.Setenv("ERRORBODIES_API_KEY", "")
	t.Setenv("ERRORBODIES_BASE_URL", "")
	return s, NewClient(WithBaseURL(s.URL), WithAPIKey(key), WithMaxRetries(0))
}

func (s *server) all() []seen {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]seen(nil), s.reqs...)
}

func reply(code int, contentType, body string) func(http.ResponseWriter, *http.Request, int) {
	return func(w http.ResponseWriter, _ *http.Request, _ int) {
		w.Header().Set("Content-Type", contentType)
		w.WriteHeader(code)
		_, _ = io.WriteString(w, body)
	}
}

func TestErrorBodyTypePerStatus(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name        string
		code        int
		contentType string
		body        string
		check       func(t *testing.T, err error)
	}{
		{"exact 404", 404, "application/json", `{"statusCode":404,"message":"no item 7"}`, func(t *testing.T, err error) {
			nf, ok := AsErrorBody[NotFound](err)
			require.True(t, ok)
			assert.Equal(t, "no item 7", nf.Message)
			assert.EqualValues(t, 404, nf.StatusCode)
		}},
		{"class 4XX", 400, "application/json", `{"detail":[{"loc":["body",0],"msg":"field required","type":"missing"}]}`, func(t *testing.T, err error) {
			ve, ok := AsErrorBody[HTTPValidationError](err)
			require.True(t, ok)
			require.Len(t, ve.Detail.Value, 1)
			assert.Equal(t, "field required", ve.Detail.Value[0].Msg)
		}},
		{"exact 503 beats 5XX", 503, "application/json", `{"retry_in":30}`, func(t *testing.T, err error) {
			v, ok := AsErrorBody[GetItem503Response](err)
			require.True(t, ok)
			assert.EqualValues(t, 30, v.RetryIn.Value)
		}},
		{"class 5XX", 502, "application/json", `{"message":"upstream","request_id":"r1"}`, func(t *testing.T, err error) {
			v, ok := AsErrorBody[ServerError](err)
			require.True(t, ok)
			assert.Equal(t, "r1", v.RequestID.Value)
		}},
		{"default", 302, "application/problem+json", `{"title":"Moved","status":302}`, func(t *testing.T, err error) {
			v, ok := AsErrorBody[Problem](err)
			require.True(t, ok)
			assert.Equal(t, "Moved", v.Title.Value)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, c := newServer(t, reply(tc.code, tc.contentType, tc.body))
			_, err := c.Items.Get(ctx, "7")
			var apiErr *APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, tc.code, apiErr.StatusCode)
			assert.Equal(t, tc.body, string(apiErr.Body), "the raw body is kept")
			assert.NoError(t, apiErr.ValueErr)
			tc.check(t, err)
		})
	}
}

func TestErrorBodyTypeSwitch(t *testing.T) {
	_, c := newServer(t, reply(409, "application/json", `{"error":"name taken","existing_id":"i1"}`))
	_, err := c.Items.Create(context.Background(), Item{Name: "a"})
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	switch v := apiErr.Value.(type) {
	case *CreateItem409Response:
		assert.Equal(t, "i1", v.ExistingID.Value)
		assert.Equal(t, "name taken", v.Error.Value, "a field named Error is fine")
	default:
		t.Fatalf("Value is %T", v)
	}
}

func TestErrorBodyThatDoesNotDecodeKeepsTheAPIError(t *testing.T) {
	const page = "<html><body>502 Bad Gateway</body></html>"
	_, c := newServer(t, reply(404, "text/html", page))
	_, err := c.Items.Get(context.Background(), "7")
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Nil(t, apiErr.Value)
	assert.Error(t, apiErr.ValueErr)
	assert.Equal(t, page, string(apiErr.Body))
	_, ok := AsErrorBody[NotFound](err)
	assert.False(t, ok)
}

func TestErrorBodiesBesideTelnyxErrors(t *testing.T) {
	_, c := newServer(t, reply(422, "application/json", `{"errors":[{"code":"10015","title":"Invalid","detail":"in use"}]}`))
	err := c.Items.Delete(context.Background(), "7")
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	require.Len(t, apiErr.Errors, 1, "the {errors:[...]} decoding still works")
	assert.Equal(t, "DELETE /items/{id}: 422 Unprocessable Entity: in use", apiErr.Error())
	v, ok := AsErrorBody[Errors](err)
	require.True(t, ok)
	assert.Equal(t, "10015", v.Errors.Value[0].Code.Value)

	// A status whose body the spec gives as text only: its own response
	// wins over 4XX, and gives no Value.
	_, c = newServer(t, reply(409, "application/json", `{"errors":[]}`))
	err = c.Items.Delete(context.Background(), "7")
	require.ErrorAs(t, err, &apiErr)
	assert.Nil(t, apiErr.Value)
}

func TestDoCallsAnEndpointTheSpecLacks(t *testing.T) {
	s, c := newServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 0 {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"id":"i9","name":"beta"}`)
	})
	var out Item
	err := c.Do(context.Background(), http.MethodPut, "/beta/items/i9?dry_run=true", map[string]string{"name": "beta"}, &out, WithMaxRetries(1))
	require.NoError(t, err)
	assert.Equal(t, "beta", out.Name)
	assert.Equal(t, "i9", out.ID.Value)
	reqs := s.all()
	require.Len(t, reqs, 2, "retried like a method")
	assert.Equal(t, "/beta/items/i9?dry_run=true", reqs[1].uri)
	assert.Equal(t, "Bearer "+key, reqs[1].header.Get("Authorization"))
	assert.JSONEq(t, `{"name":"beta"}`, reqs[1].body)
}

func TestExtraQueryAndBodyFields(t *testing.T) {
	s, c := newServer(t, reply(201, "application/json", `{"name":"a"}`))
	_, err := c.Items.Create(context.Background(), Item{Name: "a", Size: Some[int64](3)},
		WithExtraQuery("preview", "1"), WithExtraBodyField("size", "XL"), WithExtraBodyField("color", "red"))
	require.NoError(t, err)
	got := s.all()[0]
	assert.Equal(t, "/items?preview=1", got.uri)
	assert.Equal(t, `{"name":"a","size":"XL","color":"red"}`, got.body, "the extra size replaces the typed one")

	_, err = c.Items.List(context.Background(), ListItemsParams{Limit: Some[int64](5)}, WithExtraQuery("limit", "500"))
	require.Error(t, err, "the reply is no list")
	assert.Equal(t, "/items?limit=500", s.all()[1].uri)
}

func TestIdempotencyKeyMakesAPostRetrySafe(t *testing.T) {
	s, c := newServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if n <= 1 { // the first attempt of each call
			// The server got the request, then the connection broke.
			conn, _, err := w.(http.Hijacker).Hijack()
			if err == nil {
				conn.Close()
			}
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusCreated)
		_, _ = io.WriteString(w, `{"name":"a"}`)
	})
	_, err := c.Items.Create(context.Background(), Item{Name: "a"}, WithMaxRetries(1))
	require.Error(t, err, "without a key a POST is not sent again")
	require.Len(t, s.all(), 1)

	_, err = c.Items.Create(context.Background(), Item{Name: "a"}, WithMaxRetries(1), WithIdempotencyKey("create-a-1"))
	require.NoError(t, err)
	reqs := s.all()
	require.Len(t, reqs, 3)
	assert.Equal(t, "create-a-1", reqs[1].header.Get("Idempotency-Key"))
	assert.Equal(t, "create-a-1", reqs[2].header.Get("Idempotency-Key"))
}

func TestLoggerRedactsCredentials(t *testing.T) {
	_, c := newServer(t, reply(404, "application/json", `{"statusCode":404,"message":"no"}`))
	var buf bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	_, err := c.Items.Get(context.Background(), "7", WithLogger(logger), WithHeader("X-Api-Token", "header-secret-123"))
	require.Error(t, err)
	out := buf.String()
	assert.Contains(t, out, `msg=request method=GET url=`)
	assert.Contains(t, out, `msg=response method=GET`)
	assert.Contains(t, out, "status=404")
	assert.Contains(t, out, "attempt=0")
	assert.NotContains(t, out, key)
	assert.NotContains(t, out, "header-secret-123")
	assert.True(t, strings.Contains(out, "Authorization=[REDACTED]"), out)
	assert.False(t, errors.Is(err, context.Canceled))
}
