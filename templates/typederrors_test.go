package templates

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type notFoundBody struct {
	StatusCode int    `json:"statusCode"`
	Message    string `json:"message"`
}

type problemBody struct {
	Title string `json:"title"`
}

// typedRequest is a request whose spec gives 404, 4XX and default their own
// error types.
func typedRequest() *request {
	r := newRequest(http.MethodGet, "/items/{id}")
	r.pathParam("id", "1")
	r.errorBody("default", decodeErrorBody[problemBody])
	r.errorBody("4XX", decodeErrorBody[[]string])
	r.errorBody("404", decodeErrorBody[notFoundBody])
	return r
}

func answer(code int, body string) func(http.ResponseWriter, *http.Request, int) {
	return func(w http.ResponseWriter, _ *http.Request, _ int) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(code)
		_, _ = io.WriteString(w, body)
	}
}

func TestErrorBodyPicksExactThenClassThenDefault(t *testing.T) {
	e := apiErrorFrom(t, typedRequest(), answer(404, `{"statusCode":404,"message":"no item 1"}`))
	assert.Equal(t, &notFoundBody{404, "no item 1"}, e.Value)
	assert.NoError(t, e.ValueErr)

	e = apiErrorFrom(t, typedRequest(), answer(409, `["taken"]`))
	assert.Equal(t, &[]string{"taken"}, e.Value, "4XX")

	e = apiErrorFrom(t, typedRequest(), answer(503, `{"title":"down"}`))
	assert.Equal(t, &problemBody{"down"}, e.Value, "default")
	assert.Equal(t, `{"title":"down"}`, string(e.Body), "the raw body is kept")
}

func TestErrorBodyWithoutSchemaBeatsABroaderOne(t *testing.T) {
	r := typedRequest()
	r.errorBody("409", nil) // the spec documents 409 with a text body
	e := apiErrorFrom(t, r, answer(409, `["taken"]`))
	assert.Nil(t, e.Value, "4XX does not apply")
	assert.NoError(t, e.ValueErr)
}

func TestErrorBodyClassMatchesLowerCase(t *testing.T) {
	r := newRequest(http.MethodGet, "/x")
	r.errorBody("5xx", decodeErrorBody[problemBody])
	e := apiErrorFrom(t, r, answer(500, `{"title":"boom"}`))
	assert.Equal(t, &problemBody{"boom"}, e.Value)
}

func TestAsErrorBody(t *testing.T) {
	srv, _ := newServer(t, answer(404, `{"statusCode":404,"message":"gone"}`))
	err := newTestCore(t, WithBaseURL(srv.URL), WithMaxRetries(0)).do(context.Background(), typedRequest(), nil, nil)
	wrapped := fmt.Errorf("lookup: %w", err)
	nf, ok := AsErrorBody[notFoundBody](wrapped)
	require.True(t, ok)
	assert.Equal(t, "gone", nf.Message)
	_, ok = AsErrorBody[problemBody](wrapped)
	assert.False(t, ok, "another schema's type")
	_, ok = AsErrorBody[notFoundBody](errors.New("not an API error"))
	assert.False(t, ok)
}

func TestErrorBodyThatDoesNotDecodeKeepsTheAPIError(t *testing.T) {
	for _, tc := range []struct{ name, body string }{
		{"html", "<html><body>Bad gateway</body></html>"},
		{"array for an object", `[1,2]`},
		{"cut JSON", `{"statusCode":404,"mess`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := apiErrorFrom(t, typedRequest(), answer(404, tc.body))
			assert.Nil(t, e.Value)
			assert.Error(t, e.ValueErr)
			assert.Equal(t, tc.body, string(e.Body))
			assert.Equal(t, 404, e.StatusCode)
		})
	}
}

func TestErrorBodyNoSchemaOrEmptyBody(t *testing.T) {
	r := newRequest(http.MethodGet, "/x")
	e := apiErrorFrom(t, r, answer(404, `{"statusCode":404}`))
	assert.Nil(t, e.Value, "the spec gives no type")
	assert.NoError(t, e.ValueErr)

	e = apiErrorFrom(t, typedRequest(), answer(404, "  "))
	assert.Nil(t, e.Value)
	assert.NoError(t, e.ValueErr, "an empty body is no decode error")
}

func TestErrorBodyKeepsTelnyxErrors(t *testing.T) {
	type errorsDoc struct {
		Errors []struct {
			Detail string `json:"detail"`
		} `json:"errors"`
	}
	r := newRequest(http.MethodGet, "/x")
	r.errorBody("422", decodeErrorBody[errorsDoc])
	e := apiErrorFrom(t, r, answer(422, `{"errors":[{"code":"10015","detail":"too long"}]}`))
	require.Len(t, e.Errors, 1)
	assert.Equal(t, "too long", e.Errors[0].Detail)
	doc, ok := e.Value.(*errorsDoc)
	require.True(t, ok)
	assert.Equal(t, "too long", doc.Errors[0].Detail)
	assert.Equal(t, "GET /x: 422 Unprocessable Entity: too long", e.Error())
}

func TestErrorBodyIsRedactedBeforeDecoding(t *testing.T) {
	r := typedRequest()
	srv, _ := newServer(t, func(w http.ResponseWriter, req *http.Request, _ int) {
		answer(404, `{"message":"bad key `+strings.TrimPrefix(req.Header.Get("Authorization"), "Bearer ")+`"}`)(w, req, 0)
	})
	err := newTestCore(t, WithBaseURL(srv.URL), WithAPIKey(testKey), WithMaxRetries(0)).do(context.Background(), r, nil, nil)
	nf, ok := AsErrorBody[notFoundBody](err)
	require.True(t, ok)
	assert.Equal(t, "bad key [REDACTED]", nf.Message)
}

func TestErrorBodyReadIsBoundedByMaxResponseSize(t *testing.T) {
	body := `{"statusCode":404,"message":"` + strings.Repeat("x", 100) + `"}`
	srv, _ := newServer(t, answer(404, body))
	err := newTestCore(t, WithBaseURL(srv.URL), WithMaxRetries(0), WithMaxResponseSize(64)).do(context.Background(), typedRequest(), nil, nil)
	var e *APIError
	require.ErrorAs(t, err, &e)
	assert.Len(t, e.Body, 64)
	assert.True(t, e.Truncated)
	assert.Nil(t, e.Value)
	assert.EqualError(t, e.ValueErr, "the body was cut after 64 bytes")
}
