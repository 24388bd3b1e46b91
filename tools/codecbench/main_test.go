package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/oagen-dev/oagen/generated/portingorders"
	"github.com/oagen-dev/oagen/generated/telnyx"
	"github.com/oagen-dev/oagen/tools/codecbench/internal/data"
	"github.com/oagen-dev/oagen/tools/codecbench/internal/ogenpo"
	"github.com/oagen-dev/oagen/tools/codecbench/internal/plain"
)

// The sanity tests: every implementation reads the same bodies to the same
// values and sends the same requests, so that the benchmark compares like
// with like. They assert what was decoded, never how fast.

var (
	bodiesOnce sync.Once
	bodies     *data.Bodies
	bodiesErr  error
)

func testBodies(t *testing.T) *data.Bodies {
	t.Helper()
	bodiesOnce.Do(func() {
		bodies, bodiesErr = data.PortingOrders("../../specs/porting-orders.yml")
		if bodiesErr == nil {
			bodiesErr = bodies.AddTelnyx("../../specs/telnyx-full.yml")
		}
	})
	require.NoError(t, bodiesErr)
	return bodies
}

// orderKey is what the tests compare of one porting order.
type orderKey struct {
	ID, CreatedAt, Description, Status, FirstPhone string
	Phones                                         int
	CustomerReference                              *string // nil for null
}

func plainKey(o plain.PortingOrder) orderKey {
	k := orderKey{ID: o.ID, Description: o.Description, Phones: len(o.PhoneNumbers), CustomerReference: o.CustomerReference}
	if o.CreatedAt != nil {
		k.CreatedAt = o.CreatedAt.UTC().Format(time.RFC3339Nano)
	}
	if o.Status != nil {
		k.Status = o.Status.Value
	}
	if len(o.PhoneNumbers) > 0 {
		k.FirstPhone = o.PhoneNumbers[0].PhoneNumber
	}
	return k
}

func oagenKey(o portingorders.PortingOrder) orderKey {
	k := orderKey{ID: o.ID.Value, Description: o.Description.Value, Phones: len(o.PhoneNumbers.Value),
		Status: string(o.Status.Value.Value.Value)}
	if o.CreatedAt.Set {
		k.CreatedAt = o.CreatedAt.Value.UTC().Format(time.RFC3339Nano)
	}
	if len(o.PhoneNumbers.Value) > 0 {
		k.FirstPhone = o.PhoneNumbers.Value[0].PhoneNumber.Value
	}
	if o.CustomerReference.Set && !o.CustomerReference.Null {
		k.CustomerReference = &o.CustomerReference.Value
	}
	return k
}

func ogenKey(o ogenpo.PortingOrder) orderKey {
	k := orderKey{Description: o.Description.Value, Phones: len(o.PhoneNumbers), Status: string(o.Status.Value.Value.Value)}
	if o.ID.Set {
		k.ID = o.ID.Value.String()
	}
	if o.CreatedAt.Set {
		k.CreatedAt = o.CreatedAt.Value.UTC().Format(time.RFC3339Nano)
	}
	if len(o.PhoneNumbers) > 0 {
		k.FirstPhone = o.PhoneNumbers[0].PhoneNumber.Value
	}
	if o.CustomerReference.Set && !o.CustomerReference.Null {
		k.CustomerReference = &o.CustomerReference.Value
	}
	return k
}

// oapiKeys reads the keys through encoding/json's view of oapi-codegen's
// types: the fields are pointers, and re-encoding them as plain structs
// keeps the test to one key function per shape.
func oapiKeys(t *testing.T, v any) []orderKey {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	var l plain.ListPortingOrdersResponse
	require.NoError(t, json.Unmarshal(b, &l))
	return keysOf(l.Data, plainKey)
}

func keysOf[T any](orders []T, key func(T) orderKey) []orderKey {
	out := make([]orderKey, len(orders))
	for i, o := range orders {
		out[i] = key(o)
	}
	return out
}

// decodedKeys decodes the list body with every implementation's codec, as
// the benchmark does.
func decodedKeys(t *testing.T, body []byte) map[string][]orderKey {
	t.Helper()
	out := map[string][]orderKey{}

	var a portingorders.ListPortingOrdersResponse
	require.NoError(t, oagenCodec[portingorders.ListPortingOrdersResponse]().decode(body, &a))
	out[implOagen] = keysOf(a.Data.Value, oagenKey)

	var g ogenpo.ListPortingOrdersOK
	require.NoError(t, ogenCodec[ogenpo.ListPortingOrdersOK]().decode(body, &g))
	out[implOgen] = keysOf(g.Data, ogenKey)

	var o oapiList
	require.NoError(t, stdCodec[oapiList]().decode(body, &o))
	out[implOapi] = oapiKeys(t, o)

	var p plain.ListPortingOrdersResponse
	require.NoError(t, stdCodec[plain.ListPortingOrdersResponse]().decode(body, &p))
	out[implPlain] = keysOf(p.Data, plainKey)
	return out
}

func TestBodiesAreDeterministicAndVaried(t *testing.T) {
	b := testBodies(t)
	again, err := data.PortingOrders("../../specs/porting-orders.yml")
	require.NoError(t, err)
	assert.Equal(t, b.List, again.List, "the same spec must give the same bytes")
	assert.Equal(t, b.UpdateRequest, again.UpdateRequest)

	assert.InDelta(t, 1.7e6, len(b.List), 0.3e6, "the list body is about 1.7 MB")
	assert.Len(t, b.Orders, data.ListOrders)
	assert.InDelta(t, 1.5e6, len(b.Telnyx), 0.5e6, "the Telnyx body is 1 to 2 MB")

	var l plain.ListPortingOrdersResponse
	require.NoError(t, json.Unmarshal(b.List, &l))
	ids, descriptions, times := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, o := range l.Data {
		ids[o.ID] = true
		descriptions[o.Description] = true
		times[o.CreatedAt.String()] = true
	}
	assert.Len(t, ids, data.ListOrders, "every order has its own id")
	assert.Len(t, descriptions, data.ListOrders, "every order has its own free strings")
	assert.Len(t, times, data.ListOrders, "every order has its own date-times")
}

func TestEveryImplementationDecodesTheListAlike(t *testing.T) {
	b := testBodies(t)
	keys := decodedKeys(t, b.List)
	want := keys[implPlain]
	require.Len(t, want, data.ListOrders)
	assert.NotEmpty(t, want[0].ID)
	assert.NotEmpty(t, want[0].CreatedAt)
	assert.NotEmpty(t, want[0].FirstPhone)
	for _, impl := range implNames {
		assert.Equal(t, want, keys[impl], impl)
	}
}

func TestEveryImplementationEncodesTheListAlike(t *testing.T) {
	b := testBodies(t)
	encoded := map[string][]byte{}
	encode := func(impl string, enc func() ([]byte, error)) {
		out, err := enc()
		require.NoError(t, err, impl)
		encoded[impl] = out
	}
	encode(implOagen, func() ([]byte, error) {
		return encodeOnce(b.List, oagenCodec[portingorders.ListPortingOrdersResponse]())
	})
	encode(implOgen, func() ([]byte, error) { return encodeOnce(b.List, ogenCodec[ogenpo.ListPortingOrdersOK]()) })
	encode(implOapi, func() ([]byte, error) { return encodeOnce(b.List, stdCodec[oapiList]()) })
	encode(implPlain, func() ([]byte, error) { return encodeOnce(b.List, stdCodec[plain.ListPortingOrdersResponse]()) })

	want := decodedKeys(t, b.List)[implPlain]
	for _, impl := range implNames {
		// What each wrote reads back, through plain structs, to the same orders.
		var l plain.ListPortingOrdersResponse
		require.NoError(t, json.Unmarshal(encoded[impl], &l), impl)
		// (oapi-codegen's *string with omitempty writes a null as absent,
		// which reads back as nil all the same.)
		assert.Equal(t, want, keysOf(l.Data, plainKey), impl)
		t.Logf("%s writes %d bytes for the %d-byte list", impl, len(encoded[impl]), len(b.List))
	}
	// oagen keeps every member it read: its output is the body, member for member.
	assert.JSONEq(t, string(b.List), string(encoded[implOagen]))
}

func encodeOnce[T any](body []byte, c codec[T]) ([]byte, error) {
	var v T
	if err := c.decode(body, &v); err != nil {
		return nil, err
	}
	return c.encode(&v)
}

func TestEveryImplementationDecodesOneOrderAlike(t *testing.T) {
	b := testBodies(t)
	var a portingorders.PortingOrder
	require.NoError(t, oagenCodec[portingorders.PortingOrder]().decode(b.Order, &a))
	var g ogenpo.PortingOrder
	require.NoError(t, ogenCodec[ogenpo.PortingOrder]().decode(b.Order, &g))
	var p plain.PortingOrder
	require.NoError(t, stdCodec[plain.PortingOrder]().decode(b.Order, &p))
	list := []byte(`{"data":[` + string(b.Order) + `]}`)
	want := plainKey(p)
	assert.NotEmpty(t, want.ID)
	assert.Equal(t, want, oagenKey(a))
	assert.Equal(t, want, ogenKey(g))
	assert.Equal(t, []orderKey{want}, decodedKeys(t, list)[implOapi])
}

// TestEveryClientSendsAndReadsTheSame runs both calls of every client
// against a server that records what it was sent.
func TestEveryClientSendsAndReadsTheSame(t *testing.T) {
	b := testBodies(t)
	var mu sync.Mutex
	sent := map[string]string{} // the Update request body each client sent
	var last string             // the client whose Update is under way
	mux := http.NewServeMux()
	mux.HandleFunc("GET /porting_orders", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "Bearer bench-key", r.Header.Get("Authorization"))
		w.Header().Set("Content-Type", "application/json")
		w.Write(b.List)
	})
	mux.HandleFunc("PATCH /porting_orders/{id}", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, orderID, r.PathValue("id"))
		assert.Equal(t, "Bearer bench-key", r.Header.Get("Authorization"))
		assert.True(t, strings.HasPrefix(r.Header.Get("Content-Type"), "application/json"))
		body, err := io.ReadAll(r.Body)
		assert.NoError(t, err)
		mu.Lock()
		sent[last] = string(body)
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		w.Write(b.UpdateResponse)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	callers, err := newCallers(srv.URL, srv.Client(), b.UpdateRequest)
	require.NoError(t, err)
	var want plain.UpdatePortingOrderResponse
	require.NoError(t, json.Unmarshal(b.UpdateResponse, &want))
	ctx := context.Background()
	for _, impl := range implNames {
		c := callers[impl]
		n, err := c.list(ctx)
		require.NoError(t, err, impl)
		assert.Equal(t, data.ListOrders, n, impl)

		mu.Lock()
		last = impl
		mu.Unlock()
		id, err := c.update(ctx)
		require.NoError(t, err, impl)
		assert.Equal(t, want.Data.ID, id, impl)
		assert.JSONEq(t, string(b.UpdateRequest), sent[impl], "%s sends the request body as it was read", impl)
	}
}

func TestBothImplementationsDecodeTelnyxAlike(t *testing.T) {
	b := testBodies(t)
	var a telnyx.ListCallControlApplicationsResponse
	require.NoError(t, oagenCodec[telnyx.ListCallControlApplicationsResponse]().decode(b.Telnyx, &a))
	var p plain.ListCallControlApplicationsResponse
	require.NoError(t, stdCodec[plain.ListCallControlApplicationsResponse]().decode(b.Telnyx, &p))
	require.Len(t, a.Data.Value, data.TelnyxItems)
	require.Len(t, p.Data, data.TelnyxItems)
	for i := range p.Data {
		pa, aa := p.Data[i], a.Data.Value[i]
		assert.Equal(t, pa.ID, aa.ID.Value)
		assert.Equal(t, pa.ApplicationName, aa.ApplicationName.Value)
		assert.Equal(t, pa.Inbound.SIPSubdomain, aa.Inbound.Value.SIPSubdomain.Value)
		assert.Equal(t, pa.Outbound.OutboundVoiceProfileID, aa.Outbound.Value.OutboundVoiceProfileID.Value)
	}
	assert.Empty(t, telnyx.InvalidFields(&a.Data.Value[0]), "the body is valid for oagen's types")
}

func TestBigListIsTheSizeItSays(t *testing.T) {
	b := testBodies(t)
	length, write := bigList(b.Orders, 5<<20)
	var buf bytes.Buffer
	require.NoError(t, write(&buf))
	assert.EqualValues(t, length, buf.Len())
	assert.GreaterOrEqual(t, length, int64(5<<20))
	var l plain.ListPortingOrdersResponse
	require.NoError(t, json.Unmarshal(buf.Bytes(), &l))
	assert.Greater(t, len(l.Data), data.ListOrders)
	assert.Equal(t, l.Data[0].ID, l.Data[data.ListOrders].ID, "the orders are cycled")
}
