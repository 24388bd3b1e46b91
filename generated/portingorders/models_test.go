package portingorders

// Hand-written tests of the generated models' behaviour on the wire. They
// live beside the generated files, which the generator never deletes:
// it only removes files that carry its header.

import (
	"bytes"
	"encoding/json"
	"os"
	"reflect"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// testdata/update-200.json is the 200 example of PATCH /porting_orders/{id}
// in specs/porting-orders-update.yml (the seed), converted to JSON by hand.
func TestSeedResponseExampleRoundTrips(t *testing.T) {
	want, err := os.ReadFile("testdata/update-200.json")
	require.NoError(t, err)

	var res UpdatePortingOrderResponse
	require.NoError(t, json.Unmarshal(want, &res))
	got, err := json.Marshal(res)
	require.NoError(t, err)
	assertSameJSON(t, want, got)

	// The example's 13 nulls are nulls, not absent fields and not values.
	require.True(t, res.Data.Set)
	data := res.Data.Value
	assert.Equal(t, Null[string](), data.SupportKey)
	assert.Equal(t, Null[string](), data.ParentSupportKey)
	require.True(t, data.Misc.Set)
	assert.False(t, data.Misc.Null)
	misc := data.Misc.Value
	assert.Equal(t, Null[PortingOrderMiscRemainingNumbersAction](), misc.RemainingNumbersAction)
	assert.Equal(t, Some(PortingOrderTypeFull), misc.Type)
	docs := data.Documents.Value
	assert.Equal(t, Null[string](), docs.Loa)
	assert.Equal(t, Null[string](), docs.Invoice)
	assert.Equal(t, Null[int64](), data.UserFeedback.Value.UserRating)
	// A field the example leaves out stays absent.
	assert.False(t, data.PhoneNumbers.Set)
	assert.False(t, data.AdditionalSteps.Set)
	assert.True(t, data.CreatedAt.Value.Equal(time.Date(2022, 3, 24, 14, 22, 28, 0, time.UTC)))
	assert.Nil(t, UnknownFields(data))
	assert.Nil(t, InvalidFields(data))
}

func TestEmptyUpdateEncodesAsEmptyObject(t *testing.T) {
	body, err := marshalRequest(UpdatePortingOrder{})
	require.NoError(t, err)
	assert.Equal(t, `{}`, string(body))
	body, err = json.Marshal(UpdatePortingOrder{})
	require.NoError(t, err)
	assert.Equal(t, `{}`, string(body))
}

// The PATCH text: absent means keep, an explicit null means clear, a value
// means set. Each case is the exact request body.
func TestUpdateKeepNullSet(t *testing.T) {
	cases := []struct {
		name string
		body UpdatePortingOrder
		want string
	}{
		{"misc keep", UpdatePortingOrder{}, `{}`},
		{"misc null", UpdatePortingOrder{Misc: Null[PortingOrderMisc]()}, `{"misc":null}`},
		{"misc set", UpdatePortingOrder{Misc: Value(PortingOrderMisc{Type: Some(PortingOrderTypePartial)})}, `{"misc":{"type":"partial"}}`},

		{"customer_reference keep", UpdatePortingOrder{}, `{}`},
		{"customer_reference set", UpdatePortingOrder{CustomerReference: Some("Acct 123abc")}, `{"customer_reference":"Acct 123abc"}`},
		{"customer_reference set empty", UpdatePortingOrder{CustomerReference: Some("")}, `{"customer_reference":""}`},

		{"documents.loa keep", UpdatePortingOrder{Documents: Some(PortingOrderDocuments{})}, `{"documents":{}}`},
		{"documents.loa null", UpdatePortingOrder{Documents: Some(PortingOrderDocuments{Loa: Null[string]()})}, `{"documents":{"loa":null}}`},
		{"documents.loa set", UpdatePortingOrder{Documents: Some(PortingOrderDocuments{Loa: Value("64ffb720-04c7-455b-92d6-20fcca92e935")})}, `{"documents":{"loa":"64ffb720-04c7-455b-92d6-20fcca92e935"}}`},

		{"remaining_numbers_action keep", UpdatePortingOrder{Misc: Value(PortingOrderMisc{})}, `{"misc":{}}`},
		{"remaining_numbers_action null", UpdatePortingOrder{Misc: Value(PortingOrderMisc{RemainingNumbersAction: Null[PortingOrderMiscRemainingNumbersAction]()})}, `{"misc":{"remaining_numbers_action":null}}`},
		{"remaining_numbers_action set", UpdatePortingOrder{Misc: Value(PortingOrderMisc{RemainingNumbersAction: Value(PortingOrderMiscRemainingNumbersActionDisconnect)})}, `{"misc":{"remaining_numbers_action":"disconnect"}}`},

		{"user_rating keep", UpdatePortingOrder{UserFeedback: Some(PortingOrderUserFeedback{})}, `{"user_feedback":{}}`},
		{"user_rating null", UpdatePortingOrder{UserFeedback: Some(PortingOrderUserFeedback{UserRating: Null[int64]()})}, `{"user_feedback":{"user_rating":null}}`},
		{"user_rating set zero", UpdatePortingOrder{UserFeedback: Some(PortingOrderUserFeedback{UserRating: Value[int64](0)})}, `{"user_feedback":{"user_rating":0}}`},
		{"user_rating set", UpdatePortingOrder{UserFeedback: Some(PortingOrderUserFeedback{UserRating: Value[int64](5)})}, `{"user_feedback":{"user_rating":5}}`},

		{"explicit false is sent", UpdatePortingOrder{Messaging: Some(UpdatePortingOrderMessaging{EnableMessaging: Some(false)})}, `{"messaging":{"enable_messaging":false}}`},
		{"sub-second time kept", UpdatePortingOrder{ActivationSettings: Some(UpdatePortingOrderActivationSettings{
			FocDatetimeRequested: Some(time.Date(2021, 3, 19, 10, 7, 15, 527e6, time.UTC))})}, `{"activation_settings":{"foc_datetime_requested":"2021-03-19T10:07:15.527Z"}}`},
		{"required fields always sent", UpdatePortingOrder{Requirements: Some([]UpdatePortingOrderRequirement{{FieldValue: "a"}})}, `{"requirements":[{"field_value":"a","requirement_type_id":""}]}`},
		{"fields in spec order", UpdatePortingOrder{WebhookURL: Some("https://example.com"), CustomerReference: Some("x")}, `{"customer_reference":"x","webhook_url":"https://example.com"}`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := marshalRequest(c.body)
			require.NoError(t, err)
			assert.Equal(t, c.want, string(got))
		})
	}
}

// customer_reference is not nullable in UpdatePortingOrder, so the generated
// type offers no way to send null for it: Opt has no null constructor.
func TestNonNullableFieldCannotBeNull(t *testing.T) {
	assert.Equal(t, reflect.TypeOf(Opt[string]{}), reflect.TypeOf(UpdatePortingOrder{}.CustomerReference))
	assert.Equal(t, reflect.TypeOf(Nullable[PortingOrderMisc]{}), reflect.TypeOf(UpdatePortingOrder{}.Misc))
}

func TestReadOnlyFieldsAreNeverSent(t *testing.T) {
	po := PortingOrder{
		ID:                Some("eef10fb8-f3df-4c67-97c5-e18179723222"),
		SupportKey:        Value("sr_123"),
		CustomerReference: Value("Acct 1"),
		ActivationSettings: Some(PortingOrderActivationSettings{
			FastPortEligible:     Some(true),
			FocDatetimeRequested: Null[time.Time](),
		}),
	}
	body, err := marshalRequest(po)
	require.NoError(t, err)
	// Properties come in the spec's order (porting-orders.yml sorts them).
	assert.Equal(t, `{"activation_settings":{"foc_datetime_requested":null},"customer_reference":"Acct 1"}`, string(body))

	// The full form keeps them, so a decoded response re-encodes unchanged.
	full, err := json.Marshal(po)
	require.NoError(t, err)
	assert.Equal(t, `{"activation_settings":{"fast_port_eligible":true,"foc_datetime_requested":null},"customer_reference":"Acct 1","id":"eef10fb8-f3df-4c67-97c5-e18179723222","support_key":"sr_123"}`, string(full))
}

func TestUnknownEnumValueDecodes(t *testing.T) {
	var po PortingOrder
	require.NoError(t, json.Unmarshal([]byte(`{"phone_number_type":"satellite","status":{"value":"brand-new-state"}}`), &po))
	assert.Equal(t, Some(PortingOrderPhoneNumberType("satellite")), po.PhoneNumberType)
	assert.False(t, po.PhoneNumberType.Value.IsKnown())
	assert.True(t, PortingOrderPhoneNumberTypeLocal.IsKnown())
	assert.False(t, po.Status.Value.Value.Value.IsKnown())
	out, err := json.Marshal(po)
	require.NoError(t, err)
	assert.JSONEq(t, `{"phone_number_type":"satellite","status":{"value":"brand-new-state"}}`, string(out))
}

func TestUnknownFieldsSurviveReencoding(t *testing.T) {
	in := `{"customer_reference":"x","brand_new":{"a":[1,2.50,12345678901234567890]},"misc":{"type":"full","extra":true}}`
	var po PortingOrder
	require.NoError(t, json.Unmarshal([]byte(in), &po))
	assert.Equal(t, map[string]json.RawMessage{"brand_new": json.RawMessage(`{"a":[1,2.50,12345678901234567890]}`)}, UnknownFields(po))
	assert.Equal(t, map[string]json.RawMessage{"extra": json.RawMessage(`true`)}, UnknownFields(po.Misc.Value))
	out, err := json.Marshal(po)
	require.NoError(t, err)
	assert.Equal(t, `{"customer_reference":"x","misc":{"type":"full","extra":true},"brand_new":{"a":[1,2.50,12345678901234567890]}}`, string(out))
}

func TestNullForNonNullableFieldIsKept(t *testing.T) {
	var po PortingOrder
	require.NoError(t, json.Unmarshal([]byte(`{"record_type":null}`), &po))
	assert.False(t, po.RecordType.Set)
	assert.Equal(t, map[string]json.RawMessage{"record_type": json.RawMessage(`null`)}, InvalidFields(po))
	out, err := json.Marshal(po)
	require.NoError(t, err)
	assert.Equal(t, `{"record_type":null}`, string(out))
}

// A field of the wrong type does not fail the response: it reads as absent,
// its raw value is in InvalidFields, and it is written back unchanged.
func TestWrongTypeFieldDoesNotFailTheResponse(t *testing.T) {
	in := `{"data":{"id":"x","misc":{"type":5},"user_feedback":{"user_rating":"five"},"created_at":"not-a-date"}}`
	var res UpdatePortingOrderResponse
	require.NoError(t, json.Unmarshal([]byte(in), &res))
	data := res.Data.Value
	assert.Equal(t, Some("x"), data.ID)
	assert.False(t, data.CreatedAt.Set)
	assert.Equal(t, map[string]json.RawMessage{"created_at": json.RawMessage(`"not-a-date"`)}, InvalidFields(data))
	assert.Equal(t, map[string]json.RawMessage{"type": json.RawMessage(`5`)}, InvalidFields(data.Misc.Value))
	assert.Equal(t, map[string]json.RawMessage{"user_rating": json.RawMessage(`"five"`)}, InvalidFields(data.UserFeedback.Value))
	out, err := json.Marshal(res)
	require.NoError(t, err)
	assertSameJSON(t, []byte(in), out)
}

// Only JSON that is not JSON, or a top level that is not an object, fails;
// an object where a nested object belongs is an invalid field like any other.
func TestMalformedJSONIsAnError(t *testing.T) {
	var res UpdatePortingOrderResponse
	var de *DecodeError
	require.ErrorAs(t, json.Unmarshal([]byte(`[1,2]`), &res), &de)
	assert.Equal(t, "decode JSON: expected an object, got an array", de.Error())
	var se *json.SyntaxError
	assert.ErrorAs(t, json.Unmarshal([]byte(`{"data":{"id":`), &res), &se)
	require.NoError(t, json.Unmarshal([]byte(`{"data":[1,2]}`), &res))
	assert.Equal(t, map[string]json.RawMessage{"data": json.RawMessage(`[1,2]`)}, InvalidFields(res))
}

// assertSameJSON compares two JSON documents as values: object member order
// does not matter, numbers compare by their text, and two strings that both
// parse as RFC 3339 date-times compare as instants.
func assertSameJSON(t *testing.T, want, got []byte) {
	t.Helper()
	var w, g any
	require.NoError(t, decodeValue(bytes.TrimSpace(want), &w))
	require.NoError(t, decodeValue(got, &g))
	if !sameJSON(w, g) {
		assert.JSONEq(t, string(want), string(got))
		t.Fatalf("JSON differs")
	}
}

func sameJSON(a, b any) bool {
	switch x := a.(type) {
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for k, v := range x {
			w, ok := y[k]
			if !ok || !sameJSON(v, w) {
				return false
			}
		}
		return true
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !sameJSON(x[i], y[i]) {
				return false
			}
		}
		return true
	case string:
		y, ok := b.(string)
		if !ok {
			return false
		}
		if x == y {
			return true
		}
		tx, err1 := time.Parse(time.RFC3339Nano, x)
		ty, err2 := time.Parse(time.RFC3339Nano, y)
		return err1 == nil && err2 == nil && tx.Equal(ty)
	}
	return reflect.DeepEqual(a, b)
}
