package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"

	"github.com/go-faster/jx"
	"github.com/google/uuid"

	"github.com/oagen-dev/oagen/generated/portingorders"
	"github.com/oagen-dev/oagen/tools/codecbench/internal/oapipo"
	"github.com/oagen-dev/oagen/tools/codecbench/internal/ogenpo"
	"github.com/oagen-dev/oagen/tools/codecbench/internal/plain"
)

// The implementations, in the order of the table's rows. oagen comes first:
// every ratio is oagen's figure against another row's.
const (
	implOagen = "oagen"
	implOgen  = "ogen"
	implOapi  = "oapi-codegen"
	implPlain = "encoding/json"
)

var implNames = []string{implOagen, implOgen, implOapi, implPlain}

// codec decodes into and encodes from a *T of one implementation, the way
// that implementation's own client does.
type codec[T any] struct {
	decode func(body []byte, v *T) error
	encode func(v *T) ([]byte, error)
}

// oagenCodec calls the generated methods directly, as the generated client
// does (it checks json.Valid first; see the call cases): json.Unmarshal
// would add a scan of its own and json.Marshal a compaction of the output.
func oagenCodec[T any]() codec[T] {
	return codec[T]{
		decode: func(b []byte, v *T) error { return any(v).(json.Unmarshaler).UnmarshalJSON(b) },
		encode: func(v *T) ([]byte, error) { return any(v).(json.Marshaler).MarshalJSON() },
	}
}

type ogenValue interface {
	Decode(*jx.Decoder) error
	Validate() error
	MarshalJSON() ([]byte, error)
}

// ogenCodec decodes as ogen's response decoders do: Decode, the check for
// trailing data, then Validate.
func ogenCodec[T any]() codec[T] {
	return codec[T]{
		decode: func(b []byte, v *T) error {
			o := any(v).(ogenValue)
			d := jx.DecodeBytes(b)
			if err := o.Decode(d); err != nil {
				return err
			}
			if err := d.Skip(); err != io.EOF {
				return errors.New("unexpected trailing data")
			}
			return o.Validate()
		},
		encode: func(v *T) ([]byte, error) { return any(v).(ogenValue).MarshalJSON() },
	}
}

func stdCodec[T any]() codec[T] {
	return codec[T]{
		decode: func(b []byte, v *T) error { return json.Unmarshal(b, v) },
		encode: func(v *T) ([]byte, error) { return json.Marshal(v) },
	}
}

// The anonymous structs of oapi-codegen's JSON200 fields, named here.
type (
	oapiList = struct {
		Data *[]oapipo.PortingOrder `json:"data,omitempty"`
		Meta *oapipo.PaginationMeta `json:"meta,omitempty"`
	}
	oapiUpdate = struct {
		Data *oapipo.PortingOrder `json:"data,omitempty"`
		Meta *struct {
			// PhoneNumbersUrl Link to list all phone numbers
			PhoneNumbersUrl *string `json:"phone_numbers_url,omitempty"`
		} `json:"meta,omitempty"`
	}
)

// orderID is the porting order the Update calls name.
const orderID = "eef10fb8-f3df-4c67-97c5-e18179723222"

// caller makes the two full calls of one implementation against a server.
type caller struct {
	list   func(ctx context.Context) (int, error) // how many orders came back
	update func(ctx context.Context) (string, error)
}

// newCallers makes each implementation's client for the server at base,
// sending through hc (the same transport for all). Each Update sends
// updateBody as decoded into that implementation's own request type.
func newCallers(base string, hc *http.Client, updateBody []byte) (map[string]caller, error) {
	const key = "bench-key"
	out := map[string]caller{}

	var oagenReq portingorders.UpdatePortingOrder
	if err := oagenReq.UnmarshalJSON(updateBody); err != nil {
		return nil, fmt.Errorf("oagen: update request: %w", err)
	}
	oc := portingorders.NewClient(portingorders.WithBaseURL(base), portingorders.WithAPIKey(key), portingorders.WithHTTPClient(hc))
	out[implOagen] = caller{
		list: func(ctx context.Context) (int, error) {
			res, err := oc.PortingOrders.List(ctx, portingorders.ListPortingOrdersParams{})
			if err != nil {
				return 0, err
			}
			return len(res.Data.Value), nil
		},
		update: func(ctx context.Context) (string, error) {
			res, err := oc.PortingOrders.Update(ctx, orderID, oagenReq)
			if err != nil {
				return "", err
			}
			return res.Data.Value.ID.Value, nil
		},
	}

	var ogenReq ogenpo.UpdatePortingOrder
	if err := ogenReq.UnmarshalJSON(updateBody); err != nil {
		return nil, fmt.Errorf("ogen: update request: %w", err)
	}
	gc, err := ogenpo.NewClient(base, ogenSecurity{key}, ogenpo.WithClient(hc))
	if err != nil {
		return nil, err
	}
	id := uuid.MustParse(orderID)
	out[implOgen] = caller{
		list: func(ctx context.Context) (int, error) {
			res, err := gc.ListPortingOrders(ctx, ogenpo.ListPortingOrdersParams{})
			if err != nil {
				return 0, err
			}
			ok, isOK := res.(*ogenpo.ListPortingOrdersOK)
			if !isOK {
				return 0, fmt.Errorf("ogen: %T", res)
			}
			return len(ok.Data), nil
		},
		update: func(ctx context.Context) (string, error) {
			res, err := gc.UpdatePortingOrder(ctx, &ogenReq, ogenpo.UpdatePortingOrderParams{ID: id})
			if err != nil {
				return "", err
			}
			ok, isOK := res.(*ogenpo.UpdatePortingOrderOK)
			if !isOK {
				return "", fmt.Errorf("ogen: %T", res)
			}
			return ok.Data.Value.ID.Value.String(), nil
		},
	}

	var oapiReq oapipo.UpdatePortingOrder
	if err := json.Unmarshal(updateBody, &oapiReq); err != nil {
		return nil, fmt.Errorf("oapi-codegen: update request: %w", err)
	}
	ac, err := oapipo.NewClientWithResponses(base, oapipo.WithHTTPClient(hc), oapipo.WithRequestEditorFn(func(_ context.Context, req *http.Request) error {
		req.Header.Set("Authorization", "Bearer "+key)
		return nil
	}))
	if err != nil {
		return nil, err
	}
	out[implOapi] = caller{
		list: func(ctx context.Context) (int, error) {
			res, err := ac.ListPortingOrdersWithResponse(ctx, &oapipo.ListPortingOrdersParams{})
			if err != nil {
				return 0, err
			}
			if res.JSON200 == nil || res.JSON200.Data == nil {
				return 0, fmt.Errorf("oapi-codegen: status %d", res.StatusCode())
			}
			return len(*res.JSON200.Data), nil
		},
		update: func(ctx context.Context) (string, error) {
			res, err := ac.UpdatePortingOrderWithResponse(ctx, id, oapiReq)
			if err != nil {
				return "", err
			}
			if res.JSON200 == nil || res.JSON200.Data == nil || res.JSON200.Data.Id == nil {
				return "", fmt.Errorf("oapi-codegen: status %d", res.StatusCode())
			}
			return res.JSON200.Data.Id.String(), nil
		},
	}

	var plainReq plain.UpdatePortingOrder
	if err := json.Unmarshal(updateBody, &plainReq); err != nil {
		return nil, fmt.Errorf("encoding/json: update request: %w", err)
	}
	out[implPlain] = caller{
		list: func(ctx context.Context) (int, error) {
			var res plain.ListPortingOrdersResponse
			if err := plainCall(ctx, hc, "GET", base+"/porting_orders", key, nil, &res); err != nil {
				return 0, err
			}
			return len(res.Data), nil
		},
		update: func(ctx context.Context) (string, error) {
			var res plain.UpdatePortingOrderResponse
			if err := plainCall(ctx, hc, "PATCH", base+"/porting_orders/"+orderID, key, &plainReq, &res); err != nil {
				return "", err
			}
			if res.Data == nil {
				return "", errors.New("encoding/json: no data")
			}
			return res.Data.ID, nil
		},
	}
	return out, nil
}

type ogenSecurity struct{ token string }

func (s ogenSecurity) BearerAuth(context.Context, ogenpo.OperationName) (ogenpo.BearerAuth, error) {
	return ogenpo.BearerAuth{Token: s.token}, nil
}

// plainCall is the call a Go programmer writes by hand with net/http and
// encoding/json.
func plainCall(ctx context.Context, hc *http.Client, method, url, key string, in, out any) error {
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return err
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, url, body)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+key)
	req.Header.Set("Accept", "application/json")
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	res, err := hc.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("%s %s: %s", method, url, res.Status)
	}
	return json.NewDecoder(res.Body).Decode(out)
}
