package portingorders

// Focused tests of the generated client on the wire, against httptest
// servers on 127.0.0.1.

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// recorder serves canned responses in order and records the requests.
type recorder struct {
	mu        sync.Mutex
	requests  []*http.Request
	bodies    []string
	responses []func(w http.ResponseWriter)
}

func (rec *recorder) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	rec.mu.Lock()
	n := len(rec.requests)
	rec.requests = append(rec.requests, r)
	rec.bodies = append(rec.bodies, string(body))
	rec.mu.Unlock()
	if n < len(rec.responses) {
		rec.responses[n](w)
		return
	}
	w.WriteHeader(http.StatusTeapot)
}

func reply(status int, header map[string]string, body string) func(w http.ResponseWriter) {
	return func(w http.ResponseWriter) {
		for k, v := range header {
			w.Header().Set(k, v)
		}
		w.WriteHeader(status)
		io.WriteString(w, body)
	}
}

func newTestClient(t *testing.T, rec *recorder, opts ...Option) *Client {
	srv := httptest.NewServer(rec)
	t.Cleanup(srv.Close)
	return NewClient(append([]Option{WithBaseURL(srv.URL), WithAPIKey("sk_test_secret")}, opts...)...)
}

const orderJSON = `{"data":{"id":"eef10fb8-f3df-4c67-97c5-e18179723222","misc":null}}`

func TestUpdateSendsPatchWithBody(t *testing.T) {
	rec := &recorder{responses: []func(http.ResponseWriter){reply(200, nil, orderJSON)}}
	c := newTestClient(t, rec)
	res, err := c.PortingOrders.Update(context.Background(), "eef10fb8-f3df-4c67-97c5-e18179723222", UpdatePortingOrder{
		CustomerReference: Some("Acct 123abc"),
		Misc:              Null[PortingOrderMisc](),
	})
	require.NoError(t, err)
	require.Len(t, rec.requests, 1)
	r := rec.requests[0]
	assert.Equal(t, "PATCH", r.Method)
	assert.Equal(t, "/porting_orders/eef10fb8-f3df-4c67-97c5-e18179723222", r.URL.Path)
	assert.Equal(t, "Bearer sk_test_secret", r.Header.Get("Authorization"))
	assert.Equal(t, "application/json", r.Header.Get("Content-Type"))
	assert.Equal(t, `{"customer_reference":"Acct 123abc","misc":null}`, rec.bodies[0])
	assert.True(t, res.Data.Value.Misc.Null)
}

func TestPathParametersAreEscaped(t *testing.T) {
	for id, want := range map[string]string{
		"abc/def?x=1": "/porting_orders/abc%2Fdef%3Fx=1",
		"a#b":         "/porting_orders/a%23b",
		"50%":         "/porting_orders/50%25",
		"..":          "/porting_orders/%2E%2E",
		"../../admin": "/porting_orders/..%2F..%2Fadmin",
	} {
		rec := &recorder{responses: []func(http.ResponseWriter){reply(204, nil, "")}}
		c := newTestClient(t, rec)
		require.NoError(t, c.PortingOrders.Delete(context.Background(), id))
		require.Len(t, rec.requests, 1, id)
		// RequestURI is the request line exactly as the client sent it.
		assert.Equal(t, want, rec.requests[0].RequestURI, id)
	}
}

func TestNestedDeepObjectQuery(t *testing.T) {
	rec := &recorder{responses: []func(http.ResponseWriter){reply(200, nil, `{"data":[]}`), reply(200, nil, `{"data":[]}`)}}
	c := newTestClient(t, rec)
	_, err := c.PortingOrders.List(context.Background(), ListPortingOrdersParams{
		Page: Some(PortingOrderPageConsolidated{Number: Some[int64](2), Size: Some[int64](25)}),
		Filter: Some(ListPortingOrdersFilter{
			ActivationSettings: Some(ListPortingOrdersFilterActivationSettings{
				FastPortEligible:     Some(false),
				FocDatetimeRequested: Some(ListPortingOrdersFilterActivationSettingsFocDatetimeRequested{Gt: Some("2021-03-25T10:00:00.000Z")}),
			}),
			CustomerReference: Some("Acct 123abc"),
		}),
		Sort: Some(ListPortingOrdersSort{Value: Some(ListPortingOrdersSortValueMinusCreatedAt)}),
	})
	require.NoError(t, err)
	q, err := url.QueryUnescape(rec.requests[0].URL.RawQuery)
	require.NoError(t, err)
	assert.Equal(t, "page[number]=2&page[size]=25"+
		"&filter[activation_settings][fast_port_eligible]=false"+
		"&filter[activation_settings][foc_datetime_requested][gt]=2021-03-25T10:00:00.000Z"+
		"&filter[customer_reference]=Acct 123abc&sort[value]=-created_at", q)

	_, err = c.PortingOrders.PhoneNumberConfigurations.List(context.Background(), ListPhoneNumberConfigurationsParams{
		Filter: Some(ListPhoneNumberConfigurationsFilter{
			PortingOrder: Some(ListPhoneNumberConfigurationsFilterPortingOrder{
				Status: Some([]ListPhoneNumberConfigurationsFilterPortingOrderStatusItem{"draft", "in-process"}),
			}),
		}),
	})
	require.NoError(t, err)
	q, err = url.QueryUnescape(rec.requests[1].URL.RawQuery)
	require.NoError(t, err)
	assert.Equal(t, "filter[porting_order][status][]=draft&filter[porting_order][status][]=in-process", q)
}

func TestUnsetParametersAreNotSent(t *testing.T) {
	rec := &recorder{responses: []func(http.ResponseWriter){reply(200, nil, orderJSON)}}
	c := newTestClient(t, rec)
	_, err := c.PortingOrders.Get(context.Background(), "x", GetPortingOrderParams{})
	require.NoError(t, err)
	assert.Empty(t, rec.requests[0].URL.RawQuery)
	_, err = c.PortingOrders.Get(context.Background(), "x", GetPortingOrderParams{IncludePhoneNumbers: Some(false)})
	require.Error(t, err) // the recorder has one response only
	assert.Equal(t, "include_phone_numbers=false", rec.requests[1].URL.RawQuery)
}

func TestAPIErrorDecodesTelnyxErrors(t *testing.T) {
	rec := &recorder{responses: []func(http.ResponseWriter){reply(422, map[string]string{"Content-Type": "application/json"},
		`{"errors":[{"code":"10015","title":"Invalid value","detail":"customer_reference is too long","source":{"pointer":"/customer_reference"}}]}`)}}
	c := newTestClient(t, rec)
	_, err := c.PortingOrders.Update(context.Background(), "eef10fb8", UpdatePortingOrder{})
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "PATCH /porting_orders/{id}: 422 Unprocessable Entity: customer_reference is too long", err.Error())
	assert.Equal(t, 422, apiErr.StatusCode)
	require.Len(t, apiErr.Errors, 1)
	assert.Equal(t, "10015", apiErr.Errors[0].Code)
	assert.Equal(t, "/customer_reference", apiErr.Errors[0].Source.Pointer)
	assert.NotContains(t, err.Error(), "sk_test_secret")
	assert.Len(t, rec.requests, 1, "422 is not retried")
}

func TestAPIErrorKeepsNonJSONBody(t *testing.T) {
	rec := &recorder{responses: []func(http.ResponseWriter){reply(502, map[string]string{"Content-Type": "text/html"}, "<html>Bad Gateway</html>")}}
	c := newTestClient(t, rec, WithMaxRetries(0))
	err := c.PortingOrders.Delete(context.Background(), "x")
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "<html>Bad Gateway</html>", string(apiErr.Body))
	assert.Equal(t, "text/html", apiErr.Header.Get("Content-Type"))
}

func TestRetriesWithBackoffAndRetryAfter(t *testing.T) {
	rec := &recorder{responses: []func(http.ResponseWriter){
		reply(503, map[string]string{"Retry-After": "0"}, ""),
		reply(429, map[string]string{"Retry-After-Ms": "20"}, ""),
		reply(200, nil, orderJSON),
	}}
	c := newTestClient(t, rec)
	start := time.Now()
	_, err := c.PortingOrders.Update(context.Background(), "x", UpdatePortingOrder{CustomerReference: Some("r")})
	require.NoError(t, err)
	require.Len(t, rec.requests, 3)
	assert.GreaterOrEqual(t, time.Since(start), 20*time.Millisecond)
	for i, body := range rec.bodies {
		assert.Equal(t, `{"customer_reference":"r"}`, body, "attempt %d replays the body", i)
		assert.Equal(t, []string{string(rune('0' + i))}, rec.requests[i].Header["X-Retry-Count"])
	}
}

func TestRetryAfterIsCapped(t *testing.T) {
	rec := &recorder{responses: []func(http.ResponseWriter){reply(429, map[string]string{"Retry-After": "3600"}, ""), reply(204, nil, "")}}
	c := newTestClient(t, rec, WithMaxRetryAfter(30*time.Millisecond))
	start := time.Now()
	require.NoError(t, c.PortingOrders.Delete(context.Background(), "x"))
	assert.Less(t, time.Since(start), 5*time.Second, "an hour-long Retry-After waits only the cap")
}

func TestContextCancelStopsBackoff(t *testing.T) {
	rec := &recorder{responses: []func(http.ResponseWriter){reply(503, map[string]string{"Retry-After": "30"}, "")}}
	c := newTestClient(t, rec)
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	start := time.Now()
	err := c.PortingOrders.Delete(ctx, "x")
	assert.ErrorIs(t, err, context.Canceled)
	assert.Less(t, time.Since(start), 5*time.Second)
	assert.Len(t, rec.requests, 1)
}

// A PATCH whose connection broke after it was sent is not sent again, unless
// the caller says it is safe.
func TestPatchIsNotResentAfterDroppedConnection(t *testing.T) {
	var calls int
	var mu sync.Mutex
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		calls++
		n := calls
		mu.Unlock()
		if n == 1 {
			conn, _, _ := w.(http.Hijacker).Hijack()
			conn.Close()
			return
		}
		io.WriteString(w, orderJSON)
	}))
	defer srv.Close()
	c := NewClient(WithBaseURL(srv.URL), WithAPIKey("k"))
	_, err := c.PortingOrders.Update(context.Background(), "x", UpdatePortingOrder{})
	require.Error(t, err)
	assert.Equal(t, 1, calls)

	calls = 0
	_, err = c.PortingOrders.Update(context.Background(), "x", UpdatePortingOrder{}, WithRetryNonIdempotent())
	require.NoError(t, err)
	assert.Equal(t, 2, calls)
}

func TestIteratorWalksEveryPageWithCallersContextAndOptions(t *testing.T) {
	page := func(n, total int, ids ...string) func(http.ResponseWriter) {
		items := make([]string, len(ids))
		for i, id := range ids {
			items[i] = `{"id":"` + id + `"}`
		}
		return reply(200, nil, `{"data":[`+strings.Join(items, ",")+`],"meta":{"page_number":`+string(rune('0'+n))+`,"total_pages":`+string(rune('0'+total))+`}}`)
	}
	rec := &recorder{responses: []func(http.ResponseWriter){page(1, 3, "a", "b"), page(2, 3, "c"), page(3, 3, "d")}}
	c := newTestClient(t, rec)
	var ids []string
	for po, err := range c.PortingOrders.ListAll(context.Background(), ListPortingOrdersParams{
		Page: Some(PortingOrderPageConsolidated{Size: Some[int64](2)}),
	}, WithHeader("X-Trace", "t1")) {
		require.NoError(t, err)
		ids = append(ids, po.ID.Value)
	}
	assert.Equal(t, []string{"a", "b", "c", "d"}, ids)
	require.Len(t, rec.requests, 3)
	for i, r := range rec.requests {
		q, _ := url.QueryUnescape(r.URL.RawQuery)
		assert.Equal(t, "page[number]="+string(rune('1'+i))+"&page[size]=2", q)
		assert.Equal(t, "t1", r.Header.Get("X-Trace"), "options apply to page %d", i+1)
	}

	// A cancelled context ends the iteration with its error, sending nothing more.
	rec2 := &recorder{responses: []func(http.ResponseWriter){page(1, 3, "a"), page(2, 3, "b")}}
	c2 := newTestClient(t, rec2)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var errs []error
	for _, err := range c2.PortingOrders.ListAll(ctx, ListPortingOrdersParams{}) {
		if err != nil {
			errs = append(errs, err)
			break
		}
		cancel()
	}
	require.Len(t, errs, 1)
	assert.True(t, errors.Is(errs[0], context.Canceled), "%v", errs[0])
	assert.Len(t, rec2.requests, 1)
}

func TestLoaTemplateIsAStream(t *testing.T) {
	rec := &recorder{responses: []func(http.ResponseWriter){reply(200, map[string]string{"Content-Type": "application/pdf"}, "%PDF-1.4 body")}}
	c := newTestClient(t, rec)
	var raw *http.Response
	rc, err := c.PortingOrders.GetLoaTemplate(context.Background(), "x", GetPortingOrderLoaTemplateParams{}, WithResponseInto(&raw))
	require.NoError(t, err)
	defer rc.Close()
	body, err := io.ReadAll(rc)
	require.NoError(t, err)
	assert.Equal(t, "%PDF-1.4 body", string(body))
	assert.Equal(t, "application/pdf", rec.requests[0].Header.Get("Accept"))
	require.NotNil(t, raw)
	assert.Equal(t, 200, raw.StatusCode)
}

func TestEnvironmentDefaults(t *testing.T) {
	rec := &recorder{responses: []func(http.ResponseWriter){reply(204, nil, "")}}
	srv := httptest.NewServer(rec)
	defer srv.Close()
	t.Setenv("TELNYX_API_KEY", "env-key")
	t.Setenv("TELNYX_BASE_URL", srv.URL)
	require.NoError(t, NewClient().PortingOrders.Delete(context.Background(), "x"))
	assert.Equal(t, "Bearer env-key", rec.requests[0].Header.Get("Authorization"))
}
