package wire

// Wire tests of the constructs of issue 17, against an httptest server: the
// method, path, headers and body of every request, byte for byte.

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// seen is one request as the server got it.
type seen struct {
	line   string // "POST /things"
	header http.Header
	body   string
}

// serve answers every request with status, Content-Type contentType and
// body, and records what it got.
func serve(t *testing.T, status int, contentType, body string) (*Client, *[]seen) {
	t.Helper()
	var got []seen
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got = append(got, seen{r.Method + " " + r.RequestURI, r.Header.Clone(), string(b)})
		if contentType != "" {
			w.Header().Set("Content-Type", contentType)
		}
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}))
	t.Cleanup(srv.Close)
	return NewClient(WithBaseURL(srv.URL), WithAPIKey(""), WithMaxRetries(0)), &got
}

// headers is the request's header without the ones the transport adds
// or the client adds to every request (User-Agent, Accept-Encoding,
// Content-Length, X-Retry-Count).
func (s seen) headers() http.Header {
	h := s.header.Clone()
	for _, k := range []string{"User-Agent", "Accept-Encoding", "Content-Length", "X-Retry-Count"} {
		h.Del(k)
	}
	return h
}

var ctx = context.Background()

// Accept, Content-Type and Authorization header parameters are not fields:
// the client sets Accept and Content-Type itself, and Authorization from the
// credentials; other header parameters are sent.
func TestReservedHeaderParameters(t *testing.T) {
	c, got := serve(t, 200, "application/json", `{"name":"b"}`)
	res, err := c.Default.CreateThing(ctx, CreateThingParams{XRequestID: Some("r1")}, Base{Name: Some("a")})
	require.NoError(t, err)
	assert.Equal(t, Some("b"), res.Name)
	require.Len(t, *got, 1)
	r := (*got)[0]
	assert.Equal(t, "POST /things", r.line)
	assert.Equal(t, http.Header{
		"Accept":       {"application/json"},
		"Content-Type": {"application/json"},
		"X-Request-Id": {"r1"},
	}, r.headers())
	assert.Equal(t, `{"name":"a"}`, r.body)

	// A shared Accept parameter ($ref) leaves the operation without
	// parameters; Accept comes from the response's media type.
	c, got = serve(t, 200, "text/csv", "a,b\n")
	out, err := c.Default.GetReport(ctx)
	require.NoError(t, err)
	data, err := io.ReadAll(out)
	require.NoError(t, err)
	require.NoError(t, out.Close())
	assert.Equal(t, "a,b\n", string(data))
	require.Len(t, *got, 1)
	assert.Equal(t, "GET /report", (*got)[0].line)
	assert.Equal(t, http.Header{"Accept": {"text/csv"}}, (*got)[0].headers())
	assert.Equal(t, "", (*got)[0].body)
}

// A typed body under a wildcard media type is JSON; a binary one is a
// stream sent as application/octet-stream, since */* names no type.
func TestWildcardBodies(t *testing.T) {
	c, got := serve(t, 204, "", "")
	require.NoError(t, c.Default.PostAnything(ctx, Base{Name: Some("x")}))
	require.NoError(t, c.Default.PostApplication(ctx, &PostApplicationRequest{N: Some[int64](3)}))
	require.NoError(t, c.Default.Upload(ctx, strings.NewReader("\x00\x01")))
	require.Len(t, *got, 3)
	for i, want := range []struct{ line, contentType, body string }{
		{"POST /anything", "application/json", `{"name":"x"}`},
		{"POST /application", "application/json", `{"n":3}`},
		{"POST /upload", "application/octet-stream", "\x00\x01"},
	} {
		r := (*got)[i]
		assert.Equal(t, want.line, r.line)
		assert.Equal(t, http.Header{"Accept": {"application/json"}, "Content-Type": {want.contentType}}, r.headers(), want.line)
		assert.Equal(t, want.body, r.body, want.line)
	}
}

// Properties and required lists that composition used to drop.
func TestCompositionKeepsMembers(t *testing.T) {
	c, got := serve(t, 204, "", "")
	// 3.0 allOf [{required: [id], properties: {id}}, {$ref: Base}]: a
	// struct of both, id required (always sent).
	require.NoError(t, c.Default.PostTagged(ctx, Tagged{ID: "t1", Name: Some("n")}))
	require.NoError(t, c.Default.PostTagged(ctx, Tagged{}))
	// allOf [{$ref: Base}, {required: [name]}]: name is required.
	require.NoError(t, c.Default.PostNamed(ctx, NamedRequired{Name: "n"}))
	require.NoError(t, c.Default.PostNamed(ctx, NamedRequired{}))
	// Properties beside oneOf are in every variant.
	require.NoError(t, c.Default.CreatePayment(ctx, PaymentFromCard(PaymentCard{Amount: 5, Number: "4242"})))
	require.NoError(t, c.Default.CreatePayment(ctx, PaymentFromBank(PaymentBank{Amount: 7, Iban: "DE00"})))
	// An anyOf of required lists beside properties: the struct.
	require.NoError(t, c.Default.Search(ctx, Search{Email: Some("a@b.c")}))
	require.Len(t, *got, 7)
	for i, want := range []struct{ line, body string }{
		{"POST /tagged", `{"id":"t1","name":"n"}`},
		{"POST /tagged", `{"id":""}`},
		{"POST /named", `{"name":"n"}`},
		{"POST /named", `{"name":""}`},
		{"POST /payments", `{"amount":5,"number":"4242"}`},
		{"POST /payments", `{"amount":7,"iban":"DE00"}`},
		{"POST /search", `{"email":"a@b.c"}`},
	} {
		r := (*got)[i]
		assert.Equal(t, want.line, r.line)
		assert.Equal(t, http.Header{"Accept": {"application/json"}, "Content-Type": {"application/json"}}, r.headers(), want.line)
		assert.Equal(t, want.body, r.body, want.line)
	}

	// Decoding reads the merged members too.
	var p Payment
	require.NoError(t, json.Unmarshal([]byte(`{"amount":9,"iban":"FR11"}`), &p))
	bank, ok := p.AsBank()
	require.True(t, ok)
	assert.Equal(t, PaymentBank{Amount: 9, Iban: "FR11"}, bank)
}

// Properties beside an anyOf of object variants are in every variant too:
// the body is a typed union (no FromValue(any)) whose variants carry the
// required member beside them.
func TestAnyOfBesideProperties(t *testing.T) {
	c, got := serve(t, 204, "", "")
	require.NoError(t, c.Default.CreateContact(ctx, ContactFromPhone(ContactPhone{Name: "n", Phone: "+1"})))
	require.NoError(t, c.Default.CreateContact(ctx, ContactFromMail(ContactMail{Name: "m", Mail: "a@b.c"})))
	require.NoError(t, c.Default.CreateContact(ctx, ContactFromMail(ContactMail{})))
	require.Len(t, *got, 3)
	for i, want := range []string{
		`{"name":"n","phone":"+1"}`,
		`{"name":"m","mail":"a@b.c"}`,
		`{"name":"","mail":""}`,
	} {
		r := (*got)[i]
		assert.Equal(t, "POST /contacts", r.line)
		assert.Equal(t, http.Header{"Accept": {"application/json"}, "Content-Type": {"application/json"}}, r.headers())
		assert.Equal(t, want, r.body)
	}

	var contact Contact
	require.NoError(t, json.Unmarshal([]byte(`{"name":"x","mail":"x@y.z"}`), &contact))
	mail, ok := contact.AsMail()
	require.True(t, ok)
	assert.Equal(t, ContactMail{Name: "x", Mail: "x@y.z"}, mail)
}

// A response that offers JSON and CSV: the typed method asks for JSON and
// decodes it; its twin asks for CSV alone and returns the body unread.
func TestMediaTwin(t *testing.T) {
	c, got := serve(t, 200, "application/json", `{"name":"j"}`)
	res, err := c.Default.GetExport(ctx)
	require.NoError(t, err)
	assert.Equal(t, Some("j"), res.Name)
	require.Len(t, *got, 1)
	assert.Equal(t, "GET /export", (*got)[0].line)
	assert.Equal(t, http.Header{"Accept": {"application/json"}}, (*got)[0].headers())
	assert.Equal(t, "", (*got)[0].body)

	c, got = serve(t, 200, "text/csv", "name\nj\n")
	out, err := c.Default.GetExportCSV(ctx)
	require.NoError(t, err)
	data, err := io.ReadAll(out)
	require.NoError(t, err)
	require.NoError(t, out.Close())
	assert.Equal(t, "name\nj\n", string(data))
	require.Len(t, *got, 1)
	assert.Equal(t, "GET /export", (*got)[0].line)
	assert.Equal(t, http.Header{"Accept": {"text/csv"}}, (*got)[0].headers())
	assert.Equal(t, "", (*got)[0].body)
}

// A union built with its constructor writes its discriminator: the mapped
// value, or the component name for a variant the mapping leaves out. A value
// the caller set is kept.
func TestConstructorWritesDiscriminator(t *testing.T) {
	c, got := serve(t, 204, "", "")
	for _, m := range []Message{
		MessageFromUserMessage(UserMessage{Content: "hi"}),
		MessageFromSystemMessage(SystemMessage{Content: "be brief"}),
		MessageFromToolMessage(ToolMessage{ToolCallID: "c1"}),
		MessageFromToolMessage(ToolMessage{Role: "tool", ToolCallID: "c2"}),
	} {
		require.NoError(t, c.Default.SendMessage(ctx, m))
	}
	require.Len(t, *got, 4)
	for i, want := range []string{
		`{"role":"user","content":"hi"}`,
		`{"role":"system","content":"be brief"}`,
		`{"role":"ToolMessage","tool_call_id":"c1"}`,
		`{"role":"tool","tool_call_id":"c2"}`,
	} {
		r := (*got)[i]
		assert.Equal(t, "POST /messages", r.line)
		assert.Equal(t, http.Header{"Accept": {"application/json"}, "Content-Type": {"application/json"}}, r.headers())
		assert.Equal(t, want, r.body)
	}

	// The constructed union reads back as the variant it was built from.
	u, ok := MessageFromUserMessage(UserMessage{Content: "hi"}).AsUserMessage()
	require.True(t, ok)
	assert.Equal(t, UserMessage{Role: UserMessageRoleUser, Content: "hi"}, u)
}

// An optional body is a pointer: nil sends no body at all, a pointer to the
// zero value sends "{}".
func TestOptionalBodyPointer(t *testing.T) {
	c, got := serve(t, 204, "", "")
	require.NoError(t, c.Default.PostApplication(ctx, nil))
	require.NoError(t, c.Default.PostApplication(ctx, &PostApplicationRequest{}))
	require.Len(t, *got, 2)
	assert.Equal(t, "", (*got)[0].body)
	assert.Equal(t, "", (*got)[0].headers().Get("Content-Type"))
	assert.Equal(t, "{}", (*got)[1].body)
	assert.Equal(t, "application/json", (*got)[1].headers().Get("Content-Type"))
}
