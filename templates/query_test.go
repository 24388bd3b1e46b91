package templates

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestQueryStyles(t *testing.T) {
	obj := json.RawMessage(`{"z":1,"a":"b c"}`)
	nested := json.RawMessage(`{"porting_order":{"status":{"in":["draft","in-process"]}},"customer_reference":"Acct 1"}`)
	for _, tc := range []struct {
		name    string
		value   any
		style   string
		explode bool
		want    string // percent-decoded for readability
	}{
		{"scalar", true, "form", true, "p=true"},
		{"default style", 5, "", false, "p=5"},
		{"array explode", []string{"x", "y"}, "form", true, "p=x&p=y"},
		{"array", []string{"x", "y"}, "form", false, "p=x,y"},
		{"object explode", obj, "form", true, "z=1&a=b c"},
		{"object", obj, "form", false, "p=z,1,a,b c"},
		{"object explode nested", json.RawMessage(`{"page":{"number":2},"tag":["a","b"],"list":[{"k":1}]}`), "form", true,
			"page[number]=2&tag=a&tag=b&list[][k]=1"},
		{"object too deep", json.RawMessage(`{"a":{"b":1}}`), "form", false, "p[a][b]=1"},
		{"deepObject", nested, "deepObject", true,
			"p[porting_order][status][in][]=draft&p[porting_order][status][in][]=in-process&p[customer_reference]=Acct 1"},
		{"deepObject array of objects", json.RawMessage(`{"x":[{"k":1,"j":2}]}`), "deepObject", true, "p[x][][k]=1&p[x][][j]=2"},
		{"deepObject scalar", "v", "deepObject", true, "p=v"},
		{"pipe", []int{1, 2}, "pipeDelimited", false, "p=1|2"},
		{"pipe explode", []int{1, 2}, "pipeDelimited", true, "p=1&p=2"},
		{"space", []string{"a", "b"}, "spaceDelimited", false, "p=a b"},
		{"space object", obj, "spaceDelimited", false, "p=z 1 a b c"},
		{"unset Opt", Opt[int]{}, "form", true, ""},
		{"set Opt", Some(0), "form", true, "p=0"},
		{"unset Nullable", Nullable[string]{}, "form", true, ""},
		{"null", Null[string](), "form", true, "p="},
		{"null member", json.RawMessage(`{"a":null}`), "deepObject", true, "p[a]="},
		{"nil", nil, "form", true, ""},
		{"nil slice", []string(nil), "form", true, ""},
		{"nil pointer", (*int)(nil), "form", true, ""},
		{"pointer", new(int), "form", true, "p=0"},
		{"empty array explode", []string{}, "form", true, ""},
		{"empty array", []string{}, "form", false, "p="},
		{"time", time.Date(2021, 3, 19, 10, 7, 15, 527e6, time.UTC), "form", true, "p=2021-03-19T10:07:15.527Z"},
		{"date", Date{2024, 3, 19}, "form", true, "p=2024-03-19"},
		{"enum", testEnum("-created_at"), "form", true, "p=-created_at"},
		{"map keys sorted", map[string]int{"b": 1, "a": 2}, "deepObject", true, "p[a]=2&p[b]=1"},
		{"big number kept", json.RawMessage(`12345678901234567890`), "form", true, "p=12345678901234567890"},
	} {
		r := newRequest(http.MethodGet, "/x")
		r.queryParam("p", tc.value, tc.style, tc.explode)
		require.NoError(t, r.err, tc.name)
		got := r.query.String()
		// Every pair must survive a standard decoder.
		_, err := url.ParseQuery(got)
		require.NoError(t, err, tc.name)
		got, err = url.PathUnescape(got)
		require.NoError(t, err, tc.name)
		assert.Equal(t, tc.want, got, tc.name)
	}

	// Each value is encoded, so a delimiter inside one stays distinct.
	r := newRequest(http.MethodGet, "/x")
	r.queryParam("a", []string{"x", "y,z"}, "form", false)
	r.queryParam("b[c]", "a+b&c=d#e/f?g%h[i] ", "form", true)
	assert.Equal(t, "a=x,y%2Cz&b%5Bc%5D=a%2Bb%26c%3Dd%23e%2Ff%3Fg%25h%5Bi%5D%20", r.query.String())
}

func TestQueryEncodingOnTheWire(t *testing.T) {
	srv, rec := newServer(t, status(http.StatusOK))
	r := newRequest(http.MethodGet, "/porting_orders")
	r.queryParam("page", json.RawMessage(`{"number":2,"size":20}`), "deepObject", true)
	r.queryParam("filter", json.RawMessage(`{"status":{"in":["draft"]},"customer_reference":"Acct 123abc","phone_numbers":{"phone_number":{"contains":"+1303"}}}`), "deepObject", true)
	r.queryParam("include_phone_numbers", true, "form", true)
	r.queryParam("sort", json.RawMessage(`{"value":"-created_at"}`), "deepObject", true)
	require.NoError(t, newTestCore(t, WithBaseURL(srv.URL)).do(context.Background(), r, nil, nil))
	assert.Equal(t, "/porting_orders?"+
		"page%5Bnumber%5D=2&page%5Bsize%5D=20&"+
		"filter%5Bstatus%5D%5Bin%5D%5B%5D=draft&filter%5Bcustomer_reference%5D=Acct%20123abc&filter%5Bphone_numbers%5D%5Bphone_number%5D%5Bcontains%5D=%2B1303&"+
		"include_phone_numbers=true&sort%5Bvalue%5D=-created_at", rec.all()[0].URI)
}

func TestQueryParamEncodeError(t *testing.T) {
	r := newRequest(http.MethodGet, "/x")
	r.queryParam("p", json.RawMessage(`{oops`), "form", true)
	require.ErrorContains(t, r.err, "query parameter p: invalid raw JSON")
}
