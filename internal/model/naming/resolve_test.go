package naming_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/oagen-dev/oagen/internal/model"
	"github.com/oagen-dev/oagen/internal/model/naming"
)

// comp is a component schema as the loader makes it.
func comp(name string, kind model.Kind) *model.Type {
	return &model.Type{Kind: kind, Named: true, Component: name, NameHint: []string{name}, Pointer: "#/components/schemas/" + name}
}

// inlineType is an inline schema promoted to a named type, named after
// parent and hint.
func inlineType(parent *model.Type, kind model.Kind, hint ...string) *model.Type {
	ptr := "#/paths/~1x/post/requestBody/content/application~1json/schema"
	if parent != nil {
		ptr = parent.Pointer
	}
	ptr += "/properties/" + strings.Join(hint, "/")
	return &model.Type{Kind: kind, Named: true, NameParent: parent, NameHint: hint, Pointer: ptr}
}

func enumType(name string, values ...string) *model.Type {
	t := comp(name, model.KindEnum)
	t.Base = model.KindString
	for _, v := range values {
		t.Values = append(t.Values, &model.EnumValue{Value: &model.Value{JSON: v}})
	}
	return t
}

func structType(name string, fields ...string) *model.Type {
	t := comp(name, model.KindStruct)
	for _, f := range fields {
		t.Fields = append(t.Fields, &model.Field{Name: f, Pointer: t.Pointer + "/properties/" + f, Type: &model.Type{Kind: model.KindString}})
	}
	return t
}

func goNames(ts []*model.Type) []string {
	var out []string
	for _, t := range ts {
		out = append(out, t.GoName)
	}
	return out
}

func enumNames(t *model.Type) []string {
	var out []string
	for _, v := range t.Values {
		out = append(out, v.GoName)
	}
	return out
}

func fieldNames(t *model.Type) map[string]string {
	out := map[string]string{}
	for _, f := range t.Fields {
		out[f.Name] = f.GoName
	}
	return out
}

// byComponent maps each type's component key (or pointer, for inline
// types) to its Go name.
func byComponent(api *model.API) map[string]string {
	out := map[string]string{}
	for _, t := range api.Types {
		key := t.Component
		if key == "" {
			key = t.Pointer
		}
		out[key] = t.GoName
	}
	return out
}

func TestResolveComponentCollisions(t *testing.T) {
	tests := []struct {
		name       string
		components []string
		want       map[string]string
	}{
		{
			name:       "key already the Go name wins",
			components: []string{"PhoneNumber", "phone_number"},
			want:       map[string]string{"PhoneNumber": "PhoneNumber", "phone_number": "PhoneNumber2"},
		},
		{
			name:       "three spellings",
			components: []string{"phone-number", "phone_number", "PhoneNumber"},
			want:       map[string]string{"PhoneNumber": "PhoneNumber", "phone-number": "PhoneNumber2", "phone_number": "PhoneNumber3"},
		},
		{
			name:       "no exact key: ranked by pointer",
			components: []string{"phone_number", "phone-number"},
			want:       map[string]string{"phone-number": "PhoneNumber", "phone_number": "PhoneNumber2"},
		},
		{
			name:       "suffix skips a name another component has",
			components: []string{"pet", "Pet", "Pet2"},
			want:       map[string]string{"Pet": "Pet", "Pet2": "Pet2", "pet": "Pet3"},
		},
		{
			name:       "suffix skips a name another component derives",
			components: []string{"pet", "Pet", "pet_2"},
			want:       map[string]string{"Pet": "Pet", "pet_2": "Pet2", "pet": "Pet3"},
		},
		{
			name:       "no collision",
			components: []string{"user_id", "ACCOUNT_STATUS", "urls"},
			want:       map[string]string{"user_id": "UserID", "ACCOUNT_STATUS": "AccountStatus", "urls": "URLs"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Every order of the components gives the same names.
			for _, order := range permutations(tt.components) {
				api := &model.API{}
				for _, c := range order {
					api.Types = append(api.Types, comp(c, model.KindStruct))
				}
				naming.Resolve(api)
				assert.Equal(t, tt.want, byComponent(api), "order %v", order)
			}
		})
	}
}

func permutations(xs []string) [][]string {
	if len(xs) <= 1 {
		return [][]string{slices.Clone(xs)}
	}
	var out [][]string
	for i := range xs {
		rest := append(slices.Clone(xs[:i]), xs[i+1:]...)
		for _, p := range permutations(rest) {
			out = append(out, append([]string{xs[i]}, p...))
		}
	}
	return out
}

func TestResolveReservedNames(t *testing.T) {
	tests := []struct {
		component string
		want      string
	}{
		{"Client", "Client2"},
		{"client", "Client2"},
		{"Value", "Value2"},
		{"APIError", "APIError2"},
		{"api_error", "APIError2"},
		{"NewClient", "NewClient2"},
		{"Nullable", "Nullable2"},
		{"Date", "Date2"},
		{"Pet", "Pet"},
	}
	for _, tt := range tests {
		t.Run(tt.component, func(t *testing.T) {
			api := &model.API{Types: []*model.Type{comp(tt.component, model.KindStruct)}}
			naming.Resolve(api)
			assert.Equal(t, tt.want, api.Types[0].GoName)
		})
	}
}

func TestResolveInlineNames(t *testing.T) {
	parent := comp("UpdatePortingOrder", model.KindStruct)
	settings := inlineType(parent, model.KindStruct, "activation_settings")
	window := inlineType(settings, model.KindStruct, "foc_window")
	item := inlineType(parent, model.KindStruct, "documents", "item")
	status := inlineType(settings, model.KindEnum, "STATUS")
	body := inlineType(nil, model.KindStruct, "updatePortingOrder", "request")
	digit := inlineType(nil, model.KindStruct, "2fa", "request")
	lower := comp("phone_number", model.KindStruct)
	lowerChild := inlineType(lower, model.KindStruct, "carrier")

	api := &model.API{Types: []*model.Type{parent, settings, window, item, status, body, digit, lower, lowerChild}}
	naming.Resolve(api)
	assert.Equal(t, []string{
		"UpdatePortingOrder",
		"UpdatePortingOrderActivationSettings",
		"UpdatePortingOrderActivationSettingsFocWindow",
		"UpdatePortingOrderDocumentsItem",
		"UpdatePortingOrderActivationSettingsStatus",
		"UpdatePortingOrderRequest",
		"X2faRequest",
		"PhoneNumber",
		"PhoneNumberCarrier",
	}, goNames(api.Types))
}

// TestResolveInlineAfterComponents checks that a component keeps its name
// against an inline type that derives the same one, whatever the order, and
// that children of a renamed parent follow it.
func TestResolveInlineAfterComponents(t *testing.T) {
	build := func(componentFirst bool) *model.API {
		parent := comp("UpdatePortingOrder", model.KindStruct)
		settings := inlineType(parent, model.KindStruct, "activation_settings")
		child := inlineType(settings, model.KindStruct, "window")
		clash := comp("UpdatePortingOrderActivationSettings", model.KindStruct)
		api := &model.API{Types: []*model.Type{parent, settings, child}}
		if componentFirst {
			api.Types = append([]*model.Type{clash}, api.Types...)
		} else {
			api.Types = append(api.Types, clash)
		}
		return api
	}
	want := map[string]string{
		"UpdatePortingOrder":                   "UpdatePortingOrder",
		"UpdatePortingOrderActivationSettings": "UpdatePortingOrderActivationSettings",
		"#/components/schemas/UpdatePortingOrder/properties/activation_settings":                   "UpdatePortingOrderActivationSettings2",
		"#/components/schemas/UpdatePortingOrder/properties/activation_settings/properties/window": "UpdatePortingOrderActivationSettings2Window",
	}
	for _, first := range []bool{true, false} {
		api := build(first)
		naming.Resolve(api)
		assert.Equal(t, want, byComponent(api), "component first: %v", first)
	}
}

func TestResolveEnumConstants(t *testing.T) {
	tests := []struct {
		name   string
		enum   *model.Type
		want   []string
		others []*model.Type // other types in the API
	}{
		{
			name: "plain",
			enum: enumType("Status", `"active"`, `"in-progress"`, `"ON_HOLD"`, `"userId"`),
			want: []string{"StatusActive", "StatusInProgress", "StatusOnHold", "StatusUserID"},
		},
		{
			name: "sort fields spell their sign",
			enum: enumType("Sort", `"created_at"`, `"-created_at"`, `"+created_at"`, `"name"`),
			want: []string{"SortCreatedAt", "SortMinusCreatedAt", "SortPlusCreatedAt", "SortName"},
		},
		{
			name: "sign spelled only on collision",
			enum: enumType("Sort", `"-created_at"`, `"name"`),
			want: []string{"SortCreatedAt", "SortName"},
		},
		{
			name: "empty",
			enum: enumType("Reason", `""`, `"other"`),
			want: []string{"ReasonEmpty", "ReasonOther"},
		},
		{
			name: "operators",
			enum: enumType("Op", `"="`, `"!="`, `">"`, `">="`, `"<"`, `"<="`, `"~"`),
			want: []string{"OpEq", "OpNotEq", "OpGt", "OpGtEq", "OpLt", "OpLtEq", "OpTilde"},
		},
		{
			name: "digits",
			enum: enumType("Resolution", `"720p"`, `"1080p"`, `"4k"`),
			want: []string{"Resolution720p", "Resolution1080p", "Resolution4k"},
		},
		{
			name: "integers",
			enum: &model.Type{Kind: model.KindEnum, Base: model.KindInteger, Named: true, Component: "Level", NameHint: []string{"Level"}, Pointer: "#/components/schemas/Level",
				Values: []*model.EnumValue{{Value: &model.Value{JSON: "1"}}, {Value: &model.Value{JSON: "-1"}}, {Value: &model.Value{JSON: "10"}}}},
			want: []string{"Level1", "LevelMinus1", "Level10"},
		},
		{
			name: "booleans",
			enum: &model.Type{Kind: model.KindEnum, Base: model.KindBoolean, Named: true, Component: "Flag", NameHint: []string{"Flag"}, Pointer: "#/components/schemas/Flag",
				Values: []*model.EnumValue{{Value: &model.Value{JSON: "true"}}, {Value: &model.Value{JSON: "false"}}}},
			want: []string{"FlagTrue", "FlagFalse"},
		},
		{
			name: "same after spelling: document order",
			enum: enumType("Case", `"Foo"`, `"foo"`, `"FOO"`),
			want: []string{"CaseFoo", "CaseFoo2", "CaseFoo3"},
		},
		{
			name:   "collides with a type name",
			enum:   enumType("Status", `"active"`, `"closed"`),
			others: []*model.Type{comp("StatusActive", model.KindStruct)},
			want:   []string{"StatusActive2", "StatusClosed"},
		},
		{
			name:   "collides with a reserved name",
			enum:   enumType("New", `"client"`),
			others: nil,
			want:   []string{"NewClient2"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, enumFirst := range []bool{true, false} {
				for _, v := range tt.enum.Values {
					v.GoName = ""
				}
				api := &model.API{Types: append([]*model.Type{tt.enum}, tt.others...)}
				if !enumFirst {
					api.Types = append(slices.Clone(tt.others), tt.enum)
				}
				naming.Resolve(api)
				assert.Equal(t, tt.want, enumNames(tt.enum), "enum first: %v", enumFirst)
				for _, o := range tt.others {
					assert.Equal(t, o.Component, o.GoName)
				}
			}
		})
	}
}

// TestResolveEnumConstantsAcrossEnums: two enums whose constants collide are
// settled by type name, not by document order.
func TestResolveEnumConstantsAcrossEnums(t *testing.T) {
	for _, colorFirst := range []bool{true, false} {
		color := enumType("Color", `"dark_red"`, `"blue"`)
		dark := enumType("ColorDark", `"red"`)
		api := &model.API{Types: []*model.Type{color, dark}}
		if !colorFirst {
			api.Types = []*model.Type{dark, color}
		}
		naming.Resolve(api)
		assert.Equal(t, []string{"ColorDarkRed", "ColorBlue"}, enumNames(color))
		assert.Equal(t, []string{"ColorDarkRed2"}, enumNames(dark))
	}
}

// TestResolveEnumSuffixKeepsFreeNames: a value whose own constant name
// collides with nothing keeps it; another value's numeric suffix must not
// take it.
func TestResolveEnumSuffixKeepsFreeNames(t *testing.T) {
	level := &model.Type{Kind: model.KindEnum, Base: model.KindNumber, Named: true, Component: "Level", NameHint: []string{"Level"}, Pointer: "#/components/schemas/Level"}
	for _, v := range []string{"15", "1.5", "152"} {
		level.Values = append(level.Values, &model.EnumValue{Value: &model.Value{JSON: v}})
	}
	naming.Resolve(&model.API{Types: []*model.Type{level}})
	names := enumNames(level)
	require.Len(t, names, 3)
	assert.Equal(t, "Level152", names[2], "the constant of 152")
	assert.Len(t, uniq(names), 3)
}

func uniq(xs []string) map[string]bool {
	m := map[string]bool{}
	for _, x := range xs {
		m[x] = true
	}
	return m
}

func TestResolveFields(t *testing.T) {
	tests := []struct {
		name   string
		fields []string
		want   map[string]string
	}{
		{
			name:   "plain",
			fields: []string{"id", "user_id", "callback_urls", "createdAt", "type"},
			want:   map[string]string{"id": "ID", "user_id": "UserID", "callback_urls": "CallbackURLs", "createdAt": "CreatedAt", "type": "Type"},
		},
		{
			name:   "collisions ranked by JSON name",
			fields: []string{"user_id", "userId", "UserID"},
			want:   map[string]string{"UserID": "UserID", "userId": "UserID2", "user_id": "UserID3"},
		},
		{
			name:   "suffix skips a name another field has",
			fields: []string{"user_id", "userId", "user_id_2"},
			want:   map[string]string{"userId": "UserID", "user_id": "UserID3", "user_id_2": "UserID2"},
		},
		{
			name:   "methods of every struct",
			fields: []string{"MarshalJSON", "unmarshal_json", "marshal_json"},
			want:   map[string]string{"MarshalJSON": "MarshalJSON_", "marshal_json": "MarshalJSON_2", "unmarshal_json": "UnmarshalJSON_"},
		},
		{
			name:   "empty and symbols",
			fields: []string{"", "$ref", "@type"},
			want:   map[string]string{"": "Empty", "$ref": "Ref", "@type": "Type"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, order := range permutations(tt.fields) {
				s := structType("Thing", order...)
				naming.Resolve(&model.API{Types: []*model.Type{s}})
				assert.Equal(t, tt.want, fieldNames(s), "order %v", order)
			}
		})
	}
}

func TestResolveUnionVariants(t *testing.T) {
	cat := comp("Cat", model.KindStruct)
	dog := comp("dog", model.KindStruct)
	pet := comp("Pet", model.KindUnion)
	obj := inlineType(pet, model.KindStruct, "object")
	pet.Variants = []*model.Variant{
		{Type: cat},
		{Type: dog},
		{Type: obj},
		{Type: &model.Type{Kind: model.KindString}},
		{Type: &model.Type{Kind: model.KindString, Format: "date-time"}},
		{Type: &model.Type{Kind: model.KindInteger}},
		{Type: &model.Type{Kind: model.KindNumber}},
		{Type: &model.Type{Kind: model.KindBoolean}},
		{Type: &model.Type{Kind: model.KindArray, Elem: &model.Type{Kind: model.KindString}}},
		{Type: &model.Type{Kind: model.KindMap, Elem: &model.Type{Kind: model.KindAny}}},
		{Type: &model.Type{Kind: model.KindAny}},
	}
	// A type that takes the name of one constructor.
	clash := comp("PetFromDog", model.KindStruct)
	api := &model.API{Types: []*model.Type{cat, dog, pet, obj, clash}}
	naming.Resolve(api)

	var names, ctors []string
	for _, v := range pet.Variants {
		names = append(names, v.GoName)
		ctors = append(ctors, v.Constructor)
	}
	assert.Equal(t, []string{"Cat", "Dog", "Object", "String", "String2", "Integer", "Number", "Boolean", "Array", "Object2", "Value"}, names)
	assert.Equal(t, []string{
		"PetFromCat", "PetFromDog2", "PetFromObject", "PetFromString", "PetFromString2", "PetFromInteger",
		"PetFromNumber", "PetFromBoolean", "PetFromArray", "PetFromObject2", "PetFromValue",
	}, ctors)
	assert.Equal(t, []string{"Cat", "Dog", "Pet", "PetObject", "PetFromDog"}, goNames(api.Types))
}

// op is an operation with the fields the naming pass reads.
func op(method, path, id string, tags ...string) *model.Operation {
	return &model.Operation{ID: id, Method: method, Path: path, Tags: tags, Pointer: "#/paths/" + path + "/" + strings.ToLower(method)}
}

// opNames lists "Service.Method" for each operation, in the order given.
func opNames(ops []*model.Operation) []string {
	var out []string
	for _, o := range ops {
		out = append(out, o.Service+"."+o.GoName)
	}
	return out
}

func TestResolveOperations(t *testing.T) {
	tests := []struct {
		name string
		ops  []*model.Operation
		want []string // Service.Method of each operation, in input order
	}{
		{
			name: "short names",
			ops: []*model.Operation{
				op("GET", "/porting_orders", "ListPortingOrders", "Porting Orders"),
				op("POST", "/porting_orders", "CreatePortingOrder", "Porting Orders"),
				op("PATCH", "/porting_orders/{id}", "UpdatePortingOrder", "Porting Orders"),
				op("GET", "/porting_orders/{id}/sub_request", "GetPortingOrderSubRequest", "Porting Orders"),
				op("GET", "/porting_orders/{id}/loa", "getPortingOrderLOA", "Porting Orders"),
				op("GET", "/countries", "listCountries", "Countries"),
				op("GET", "/categories", "ListCategories", "Categories"),
			},
			want: []string{
				"PortingOrders.List", "PortingOrders.Create", "PortingOrders.Update", "PortingOrders.GetSubRequest",
				"PortingOrders.GetLOA", "Countries.List", "Categories.List",
			},
		},
		{
			name: "first tag only",
			ops: []*model.Operation{
				op("GET", "/pets", "listPets", "pets", "animals"),
				op("GET", "/animals", "listAnimals", "animals"),
			},
			want: []string{"Pets.List", "Animals.List"},
		},
		{
			name: "untagged go to Default",
			ops: []*model.Operation{
				op("GET", "/health", "getHealth"),
				op("GET", "/version", "get_version"),
			},
			want: []string{"Default.GetHealth", "Default.GetVersion"},
		},
		{
			name: "nothing left: the full operationId",
			ops: []*model.Operation{
				op("GET", "/porting_orders", "portingOrders", "Porting Orders"),
				op("POST", "/porting_orders", "createPortingOrder", "Porting Orders"),
			},
			want: []string{"PortingOrders.PortingOrders", "PortingOrders.Create"},
		},
		{
			name: "a plural read of a collection is a List",
			ops: []*model.Operation{
				op("GET", "/porting_orders/{id}", "GetPortingOrder", "Porting Orders"),
				op("GET", "/porting_orders", "getPortingOrders", "Porting Orders"),
				op("DELETE", "/porting_orders/{id}", "DeletePortingOrder", "Porting Orders"),
			},
			want: []string{"PortingOrders.Get", "PortingOrders.List", "PortingOrders.Delete"},
		},
		{
			name: "colliding short names: the first in path order keeps it",
			ops: []*model.Operation{
				op("GET", "/porting_orders/{id}/b", "portingOrderGetDetails", "Porting Orders"),
				op("GET", "/porting_orders/{id}/a", "getPortingOrderDetails", "Porting Orders"),
			},
			want: []string{"PortingOrders.PortingOrderGetDetails", "PortingOrders.GetDetails"},
		},
		{
			name: "duplicate operationId: the first short, then suffixes by path",
			ops: []*model.Operation{
				op("GET", "/b", "listThings", "Things"),
				op("GET", "/a", "listThings", "Things"),
				op("GET", "/c", "listThings", "Things"),
			},
			want: []string{"Things.ListThings", "Things.List", "Things.ListThings2"},
		},
		{
			name: "duplicate operationId: suffix by method on one path",
			ops: []*model.Operation{
				op("PATCH", "/x", "doThing"),
				op("POST", "/x", "doThing"),
				op("GET", "/x", "doThing"),
			},
			want: []string{"Default.DoThing3", "Default.DoThing2", "Default.DoThing"},
		},
		{
			name: "duplicate operationId: suffix skips another operation's name",
			ops: []*model.Operation{
				op("GET", "/a", "getUser"),
				op("GET", "/b", "getUser"),
				op("GET", "/c", "getUser2"),
			},
			want: []string{"Default.GetUser", "Default.GetUser3", "Default.GetUser2"},
		},
		{
			name: "the tag's words however cased, split or ordered",
			ops: []*model.Operation{
				op("GET", "/oauth/grants", "oauthListGrants", "OAuth"),
				op("GET", "/emails", "emailsListReceiving", "Receiving Emails"),
				op("GET", "/grants", "GrantsList", "Grants Admin"),
				op("PATCH", "/numbers/{id}", "updatePhoneNumberMessagingSettings", "Number Settings"),
			},
			// GrantsList: only the tag's words come before the verb.
			want: []string{"OAuth.ListGrants", "ReceivingEmails.List", "GrantsAdmin.List",
				"NumberSettings.UpdatePhoneNumberMessagingSettings"},
		},
		{
			name: "sub-services where the paths nest",
			ops: []*model.Operation{
				op("GET", "/porting_orders", "listPortingOrders", "Porting Orders"),
				op("GET", "/porting_orders/{id}", "getPortingOrder", "Porting Orders"),
				op("GET", "/porting_orders/{id}/loa_template", "getPortingOrderLoaTemplate", "Porting Orders"),
				op("GET", "/porting_orders/{porting_order_id}/phone_number_blocks", "listPortingPhoneNumberBlocks", "Porting Orders"),
				op("DELETE", "/porting_orders/{porting_order_id}/phone_number_blocks/{id}", "deletePortingPhoneNumberBlock", "Porting Orders"),
				op("POST", "/porting_orders/{id}/actions/activate", "activatePortingOrder", "Porting Orders"),
				op("POST", "/porting_orders/{id}/actions/cancel", "cancelPortingOrder", "Porting Orders"),
				op("GET", "/porting_orders/{id}/documents", "getPortRequestSupportingDocuments", "Porting Orders"),
				op("POST", "/porting_orders/{id}/documents", "createPortRequestSupportingDocuments", "Porting Orders"),
				op("GET", "/porting_phone_numbers", "listPortingPhoneNumbers", "Porting Orders"),
			},
			want: []string{"PortingOrders.List", "PortingOrders.Get", "PortingOrders.GetLoaTemplate",
				"PortingOrders.PhoneNumberBlocks.List", "PortingOrders.PhoneNumberBlocks.Delete",
				"PortingOrders.Actions.Activate", "PortingOrders.Actions.Cancel",
				"PortingOrders.Documents.GetPortRequestSupportingDocuments",
				"PortingOrders.Documents.CreatePortRequestSupportingDocuments",
				"PortingOrders.ListPortingPhoneNumbers"},
		},
		{
			name: "flat where the paths do not say",
			ops: []*model.Operation{
				// One resource holding everything, a resource repeating the
				// tag under a shared prefix, and one on its own.
				op("POST", "/calls/{id}/actions/answer", "answerCall", "Call Commands"),
				op("POST", "/calls/{id}/actions/hangup", "hangupCall", "Call Commands"),
				op("GET", "/ai/assistants", "listAssistants", "Assistants"),
				op("GET", "/ai/assistants/{id}", "getAssistant", "Assistants"),
				op("GET", "/reports/mdr_usage_reports", "listMdrUsageReports", "MDR Usage Reports"),
				op("GET", "/reports/mdr_usage_reports/{id}", "getMdrUsageReport", "MDR Usage Reports"),
			},
			want: []string{"CallCommands.AnswerCall", "CallCommands.HangupCall", "Assistants.List", "Assistants.Get",
				"MDRUsageReports.List", "MDRUsageReports.Get"},
		},
		{
			name: "verb first",
			ops: []*model.Operation{
				op("GET", "/legacy", "legacyGet"),
				op("POST", "/bulk", "bulkCreateThings", "Things"),
			},
			want: []string{"Default.GetLegacy", "Things.CreateBulk"},
		},
		{
			name: "tags that name the same service",
			ops: []*model.Operation{
				op("GET", "/a", "listA", "porting-orders"),
				op("GET", "/b", "listB", "Porting Orders"),
			},
			want: []string{"PortingOrders2.ListA", "PortingOrders.ListB"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := &model.API{Operations: tt.ops}
			naming.Resolve(api)
			assert.Equal(t, tt.want, opNames(tt.ops))
		})
	}
}

// TestResolveMethodNames checks each rule of methodNames on operations of
// the full Telnyx spec, whose names before the rule are in the comments.
func TestResolveMethodNames(t *testing.T) {
	tests := []struct {
		name string
		ops  []*model.Operation
		want []string // Service.Method of each operation, in input order
	}{
		{
			// Addresses.CreateAddress, GetAddress: singular("addresses") was "addresse".
			name: "plurals in -es",
			ops: []*model.Operation{
				op("POST", "/addresses", "CreateAddress", "Addresses"),
				op("GET", "/addresses/{id}", "GetAddress", "Addresses"),
				op("GET", "/addresses", "FindAddresses", "Addresses"),
				op("GET", "/statuses/{id}", "getStatus", "Statuses"),
				op("GET", "/policies/{id}", "getPolicy", "Policies"),
				op("GET", "/batches/{id}", "getBatch", "Batches"),
				op("GET", "/fqdns/{id}", "getFqdn", "FQDNs"),
				op("GET", "/skus", "Skus_List", "Sku"),
				op("GET", "/sns", "getSns", "SNS"),
			},
			want: []string{"Addresses.Create", "Addresses.Get", "Addresses.List", "Statuses.Get", "Policies.Get",
				"Batches.Get", "FQDNs.Get", "Sku.List", "Sns.Get"},
		},
		{
			// Brands.GetBrand and Brands.GetBrands: both wanted Get.
			name: "singular and plural of a singular path",
			ops: []*model.Operation{
				op("GET", "/10dlc/brand/{brandId}", "GetBrand", "Brands"),
				op("GET", "/10dlc/brand", "GetBrands", "Brands"),
			},
			want: []string{"Brands.Get", "Brands.List"},
		},
		{
			// SIMCardGroups.GetAll, and its iterator GetAllAll.
			name: "get all is a List",
			ops: []*model.Operation{
				op("GET", "/sim_card_groups", "GetAllSimCardGroups", "SIM Card Groups"),
			},
			want: []string{"SIMCardGroups.List"},
		},
		{
			// Assistants.GetPublicAssistantsGet, ...ClonePost, and so on.
			name: "FastAPI operationIds: a name from the method and path",
			ops: []*model.Operation{
				op("GET", "/ai/assistants", "get_assistants_public_assistants_get", "Assistants"),
				op("GET", "/ai/assistants/{assistant_id}", "get_assistant_public_assistants__assistant_id__get", "Assistants"),
				op("POST", "/ai/assistants/{assistant_id}/clone", "clone_assistant_public_assistants__assistant_id__clone_post", "Assistants"),
				op("POST", "/ai/assistants/{assistant_id}/instructions/enhance",
					"enhance_assistant_instructions_public_assistants__assistant_id__instructions_enhance_post", "Assistants"),
				op("POST", "/ai/assistants/tests/{test_id}/runs", "trigger_test_run_public_tests__test_id__runs_post", "Assistants"),
				op("GET", "/ai/assistants/{assistant_id}/versions/{version_id}",
					"get_assistant_version_public_assistants__assistant_id__versions__version_id__get", "Assistants"),
				op("POST", "/ai/assistants/{assistant_id}/chat/sms", "assistant_sms_chat_assistants__assistant_id__chat_sms_post", "Assistants"),
				op("GET", "/ai/assistants/tests/test-suites", "fetch_test_suites_public_tests_test_suites_get", "Assistants"),
			},
			// Two operations under tests make a sub-service.
			want: []string{"Assistants.List", "Assistants.Get", "Assistants.Clone", "Assistants.EnhanceInstructions",
				"Assistants.Tests.TriggerRun", "Assistants.GetVersion", "Assistants.CreateChatSMS", "Assistants.Tests.ListSuites"},
		},
		{
			// Missions.GetPublicMissions, Missions.Runs.GetPublicMissionsMissionIDRunsRunIDEvents, ...
			name: "operationIds that spell the path",
			ops: []*model.Operation{
				op("GET", "/ai/missions", "get_public_missions_missions", "Missions"),
				op("GET", "/ai/missions/{mission_id}/runs/{run_id}/events", "get_public_missions_missions_mission_id_runs_run_id_events", "Missions"),
				op("POST", "/ai/missions/{mission_id}/runs/{run_id}/cancel", "post_public_missions_missions_mission_id_runs_run_id_cancel", "Missions"),
				op("GET", "/ai/missions/runs", "get_public_missions_missions_runs", "Missions"),
				op("GET", "/ai/missions/{mission_id}/runs", "get_public_missions_missions_mission_id_runs", "Missions"),
			},
			want: []string{"Missions.List", "Missions.Runs.ListEvents", "Missions.Runs.Cancel", "Missions.Runs.List",
				"Missions.Runs.ListRuns"},
		},
		{
			// NumberPortout.Events.ListPortoutEvents, Conversations.InsightGroups.GetAllInsightGroups.
			name: "a sub-service without its owner's words",
			ops: []*model.Operation{
				op("GET", "/portouts", "listPortingOuts", "Number Portout"),
				op("GET", "/portouts/events", "listPortoutEvents", "Number Portout"),
				op("GET", "/portouts/events/{id}", "showPortoutEvent", "Number Portout"),
				op("POST", "/portouts/events/{id}/republish", "republishPortoutEvent", "Number Portout"),
				op("GET", "/portouts/{id}/comments", "FindPortoutComments", "Number Portout"),
				op("GET", "/ai/conversations", "listConversations", "Conversations"),
				op("GET", "/ai/conversations/{id}/messages", "listConversationMessages", "Conversations"),
				op("GET", "/ai/conversations/insight-groups", "get_all_insight_groups", "Conversations"),
				op("DELETE", "/ai/conversations/insight-groups/{id}", "delete_insight_group", "Conversations"),
			},
			want: []string{"NumberPortout.ListPortingOuts", "NumberPortout.Events.List", "NumberPortout.Events.Show",
				"NumberPortout.Events.Republish", "NumberPortout.FindPortoutComments", "Conversations.List",
				"Conversations.ListMessages", "Conversations.InsightGroups.List",
				"Conversations.InsightGroups.Delete"},
		},
		{
			// Audio.PublicAudioTranscriptionsPost, FineTuning.GetFinetuningjobPublicGet:
			// the base of a service of one path is the whole path.
			name: "a route-spelled name says what the tag does not",
			ops: []*model.Operation{
				op("POST", "/ai/audio/transcriptions", "audio_public_audio_transcriptions_post", "Audio"),
				op("GET", "/ai/fine_tuning/jobs", "get_finetuningjob_public_finetuning_get", "Fine Tuning"),
				op("GET", "/ai/fine_tuning/jobs/{job_id}", "get_finetuningjob_public_finetuning__job_id__get", "Fine Tuning"),
				op("POST", "/ai/openai/responses", "chat_public_openai_responses_completions_post", "OpenAI Chat"),
			},
			want: []string{"Audio.CreateTranscription", "FineTuning.ListJobs", "FineTuning.GetJob", "OpenAIChat.CreateResponse"},
		},
		{
			// Verify.VerificationCodeByID: the tag's word was the verb.
			name: "the verb is never taken out",
			ops: []*model.Operation{
				op("POST", "/verifications/{verification_id}/actions/verify", "VerifyVerificationCodeById", "Verify"),
			},
			want: []string{"Verify.VerifyVerificationCodeByID"},
		},
		{
			// CallCommands.CallStartAIAssistant, NoiseSuppressionStart,
			// PostPortabilityCheck, PostAssignMessagingProfileToCampaign,
			// OperatorConnectRefresh. A verb that is often a noun moves
			// only from the end of a name that changes something: GET
			// healthCheck stays.
			name: "verb first",
			ops: []*model.Operation{
				op("POST", "/calls/{id}/actions/ai_assistant_start", "CallStartAIAssistant", "Call Commands"),
				op("POST", "/calls/{id}/actions/suppression_start", "noiseSuppressionStart", "Call Commands"),
				op("POST", "/portability_checks", "PostPortabilityCheck", "Phone Number Porting"),
				op("POST", "/10dlc/phoneNumberAssignmentByProfile", "PostAssignMessagingProfileToCampaign", "Bulk Campaigns"),
				op("POST", "/numbers_features", "PostNumbersFeatures", "Numbers Features"),
				op("POST", "/ai/summarize", "PostSummary", "Chat"),
				op("POST", "/operator_connect/actions/refresh", "OperatorConnectRefresh", "External Connections"),
				op("GET", "/health", "healthCheck"),
			},
			want: []string{"CallCommands.StartAIAssistant", "CallCommands.StartNoiseSuppression", "PhoneNumberPorting.CheckPortability",
				"BulkCampaigns.AssignMessagingProfileToCampaign", "NumbersFeatures.Post", "Chat.PostSummary",
				"ExternalConnections.RefreshOperatorConnect", "Default.HealthCheck"},
		},
		{
			// RoomRecordings.DeleteRoomRecording and DeleteRoomRecordings;
			// Airflow's patch_dag and patch_dags; Chime's PutRetentionSettings,
			// which is alone and stays Put.
			name: "a bulk change keeps the plural where the item's wants the name",
			ops: []*model.Operation{
				op("DELETE", "/room_recordings/{room_recording_id}", "DeleteRoomRecording", "Room Recordings"),
				op("DELETE", "/room_recordings", "DeleteRoomRecordings", "Room Recordings"),
				op("PATCH", "/dags", "patch_dags", "DAG"),
				op("PATCH", "/dags/{dag_id}", "patch_dag", "DAG"),
				op("PUT", "/accounts/{id}/retention-settings", "PutRetentionSettings", "Retention Settings"),
			},
			want: []string{"RoomRecordings.Delete", "RoomRecordings.DeleteRecordings", "Dag.PatchDags", "Dag.Patch",
				"RetentionSettings.Put"},
		},
		{
			// Specs of the APIs.guru corpus: gamelift, quicksight, shield
			// (a verb too often a noun is not moved before one the list
			// lacks), openaq (a tag the paths do not spell; a REST name
			// that needs its parameter), openstf (no verb before the
			// owner's words).
			name: "names the first rules misread",
			ops: []*model.Operation{
				op("POST", "/#X-Amz-Target=GameLift.DescribeCompute", "DescribeCompute", "GameLift"),
				op("GET", "/accounts/{id}/data-sets/{ds}/refresh-properties", "DescribeDataSetRefreshProperties", "QuickSight"),
				op("POST", "/#X-Amz-Target=AWSShield.AssociateHealthCheck", "AssociateHealthCheck", "Shield"),
				op("GET", "/v1/countries", "countries_getv1_v1_countries_get", "v1"),
				op("GET", "/v1/countries/{country_id}", "countries_get_v1_v1_countries__country_id__get", "v1"),
				op("GET", "/v1/cities", "cities_get_v1_cities_get", "v1"),
				op("GET", "/v1/latest", "latest_get_v1_latest_get", "v1"),
				op("GET", "/v1/latest/{location_id}", "latest_v1_get_v1_latest__location_id__get", "v1"),
				op("GET", "/user", "getUser", "user"),
				op("GET", "/user/accessTokens", "getUserAccessTokens", "user"),
				op("GET", "/user/devices", "getUserDevices", "user"),
				op("POST", "/user/devices/{serial}/remoteConnect", "remoteConnectUserDeviceBySerial", "user"),
				op("GET", "/metrics", "metrics_metrics_get"),
			},
			want: []string{"GameLift.DescribeCompute", "QuickSight.DescribeDataSetRefreshProperties", "Shield.AssociateHealthCheck",
				"V1.ListCountries", "V1.GetCountry", "V1.ListCities", "V1.GetLatest", "V1.GetLatestByLocationID",
				"User.Get", "User.GetAccessTokens", "User.Devices.List", "User.Devices.RemoteConnectDeviceBySerial",
				"Default.ListMetrics"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := &model.API{Operations: tt.ops}
			naming.Resolve(api)
			assert.Equal(t, tt.want, opNames(tt.ops))
		})
	}
}

func TestResolveServices(t *testing.T) {
	ops := []*model.Operation{
		op("GET", "/z", "listZ", "Porting Orders"),
		op("GET", "/a", "listA", "Porting Orders"),
		op("GET", "/h", "getHealth"),
		op("GET", "/c", "listCountries", "countries"),
	}
	// A schema that takes one service's type name.
	clash := comp("CountriesService", model.KindStruct)
	api := &model.API{Types: []*model.Type{clash}, Operations: ops}
	naming.Resolve(api)

	type service struct {
		Tag, GoName, TypeName string
		Ops                   []string
	}
	var got []service
	for _, s := range api.Services {
		var paths []string
		for _, o := range s.Operations {
			paths = append(paths, o.Method+" "+o.Path)
		}
		got = append(got, service{s.Tag, s.GoName, s.TypeName, paths})
	}
	assert.Equal(t, []service{
		{"", "Default", "DefaultService", []string{"GET /h"}},
		{"Porting Orders", "PortingOrders", "PortingOrdersService", []string{"GET /a", "GET /z"}},
		{"countries", "Countries", "CountriesService2", []string{"GET /c"}},
	}, got)
	assert.Equal(t, "CountriesService", clash.GoName)
}

// A tag named Do would give Client a field beside its Do method.
func TestResolveServiceDoesNotTakeDo(t *testing.T) {
	api := &model.API{Operations: []*model.Operation{op("POST", "/do", "runIt", "do")}}
	naming.Resolve(api)
	require.Len(t, api.Services, 1)
	assert.Equal(t, "Do2", api.Services[0].GoName)
	assert.Equal(t, "Do2Service", api.Services[0].TypeName)
}

// everyName records every Go name the naming pass sets, keyed by what it
// names.
func everyName(api *model.API) map[string]string {
	out := map[string]string{}
	for _, t := range api.Types {
		out["type "+t.Pointer] = t.GoName
		for _, f := range t.Fields {
			out["field "+f.Pointer] = f.GoName
		}
		for _, v := range t.Values {
			out["enum "+t.Pointer+" "+v.Value.JSON] = v.GoName
		}
		for i, v := range t.Variants {
			out[fmt.Sprintf("variant %s %d", t.Pointer, i)] = v.GoName
			out[fmt.Sprintf("constructor %s %d", t.Pointer, i)] = v.Constructor
		}
	}
	for _, o := range api.Operations {
		out["op "+o.Method+" "+o.Path] = o.Service + "." + o.GoName
	}
	for _, s := range api.Services {
		out["service "+s.Tag] = s.GoName + " " + s.TypeName
	}
	return out
}

// stabilityAPI is a model with collisions of every kind. extra, when not
// nil, is added at the given index of Types.
func stabilityAPI(extra *model.Type, at int) *model.API {
	phone := structType("PhoneNumber", "id", "number")
	phoneLower := structType("phone_number", "user_id", "userId")
	order := structType("UpdatePortingOrder", "activation_settings", "status")
	settings := inlineType(order, model.KindStruct, "activation_settings")
	settings.Fields = []*model.Field{{Name: "foc", Pointer: settings.Pointer + "/properties/foc", Type: &model.Type{Kind: model.KindString}}}
	status := enumType("Status", `"active"`, `"-active"`, `""`)
	statusActive := structType("StatusActive", "x")
	client := structType("Client", "name")
	pet := comp("Pet", model.KindUnion)
	pet.Variants = []*model.Variant{{Type: phone}, {Type: &model.Type{Kind: model.KindString}}, {Type: &model.Type{Kind: model.KindString}}}
	api := &model.API{
		Types: []*model.Type{phone, phoneLower, order, settings, status, statusActive, client, pet},
		Operations: []*model.Operation{
			op("GET", "/porting_orders", "ListPortingOrders", "Porting Orders"),
			op("PATCH", "/porting_orders/{id}", "UpdatePortingOrder", "Porting Orders"),
			op("GET", "/a", "dup"),
			op("GET", "/b", "dup"),
		},
	}
	if extra != nil {
		api.Types = slices.Insert(api.Types, at, extra)
	}
	return api
}

// TestResolveStability: adding a component that collides with nothing
// renames nothing, wherever it is added.
func TestResolveStability(t *testing.T) {
	before := stabilityAPI(nil, 0)
	naming.Resolve(before)
	want := everyName(before)
	require.Len(t, want, 32)

	extras := map[string]func() *model.Type{
		"struct": func() *model.Type { return structType("Aardvark", "id", "name") },
		"enum":   func() *model.Type { return enumType("Zebra", `"striped"`, `"-striped"`) },
		"lower":  func() *model.Type { return structType("aardvark_sighting", "where") },
	}
	for name, extra := range extras {
		for _, at := range []int{0, 4, 8} {
			t.Run(fmt.Sprintf("%s at %d", name, at), func(t *testing.T) {
				e := extra()
				after := stabilityAPI(e, at)
				naming.Resolve(after)
				got := everyName(after)
				for k := range everyName(&model.API{Types: []*model.Type{e}}) {
					delete(got, k)
				}
				assert.Equal(t, want, got)
			})
		}
	}
}

// TestResolveDefsNames: a $defs entry is named after its key, or after its
// owner and key when the key is taken or wanted twice.
func TestResolveDefsNames(t *testing.T) {
	outer, other, status := comp("Outer", model.KindStruct), comp("Other", model.KindStruct), comp("Status", model.KindEnum)
	def := func(owner *model.Type, key string) *model.Type {
		return &model.Type{Kind: model.KindStruct, Named: true, NameHint: []string{key}, Pointer: owner.Pointer + "/$defs/" + key, DefsOwner: owner}
	}
	lone, taken, twiceA, twiceB := def(outer, "Inner"), def(outer, "Status"), def(outer, "Leaf"), def(other, "Leaf")
	api := &model.API{Types: []*model.Type{outer, other, status, lone, taken, twiceA, twiceB}}
	naming.Resolve(api)
	assert.Equal(t, []string{"Inner", "OuterStatus", "OuterLeaf", "OtherLeaf"},
		[]string{lone.GoName, taken.GoName, twiceA.GoName, twiceB.GoName})
}

// collidingValues are n distinct strings that all name the same Go
// identifier, plain or spelled out: "a" and a tail of punctuation that no
// rule turns into words.
func collidingValues(n int) []string {
	marks := []rune("¡¢£¤¥¦§¨©«¬®¯°±´¶·¸»¿×÷‐‑‒–—―‖")
	out := make([]string, n)
	for i := range out {
		b := []rune{'a'}
		for k := i; ; k /= len(marks) {
			b = append(b, marks[k%len(marks)])
			if k < len(marks) {
				break
			}
		}
		out[i] = string(b)
	}
	return out
}

// TestResolveManyCollisions: names that all collide get suffixes in one
// pass, not by trying every suffix taken before (50,000 colliding enum
// values took minutes).
func TestResolveManyCollisions(t *testing.T) {
	const n = 50_000
	values := collidingValues(n)
	var quoted []string
	for _, v := range values {
		quoted = append(quoted, fmt.Sprintf("%q", v))
	}
	e := enumType("Letter", quoted...)
	s := structType("Thing", values...)
	naming.Resolve(&model.API{Types: []*model.Type{e, s}})
	names := enumNames(e)
	require.Len(t, names, n)
	assert.Equal(t, "LetterA", names[0])
	assert.Equal(t, "LetterA2", names[1])
	assert.Equal(t, fmt.Sprintf("LetterA%d", n), names[n-1])
	assert.Len(t, uniq(names), n)
	fields := fieldNames(s)
	assert.Len(t, fields, n)
	seen := map[string]bool{}
	for _, f := range fields {
		seen[f] = true
	}
	assert.Len(t, seen, n)
}

// TestResolveReservedMethods: an operation whose method would have a name
// go vet (stdmethods) or fmt reserves gets a "_" and one warning; its
// iterator keeps the plain name. A pinned name of that kind is an error.
func TestResolveReservedMethods(t *testing.T) {
	readByte := op("GET", "/bytes", "readByte", "")
	readByte.Pagination = &model.Pagination{}
	str := op("GET", "/pets", "stringPets", "Pets")
	list := op("GET", "/pets/all", "listPets", "Pets")
	api := &model.API{Operations: []*model.Operation{readByte, str, list}}
	naming.Resolve(api)
	assert.Equal(t, "ReadByte_", readByte.GoName)
	assert.Equal(t, "ReadByteAll", readByte.PagerName)
	assert.Equal(t, "String_", str.GoName)
	assert.Equal(t, "List", list.GoName)
	var msgs []string
	for _, w := range api.Warnings {
		msgs = append(msgs, w.Message)
	}
	assert.Equal(t, []string{
		`operationId "readByte" would give the method ReadByte, a name Go reserves for io.ByteReader: the method is ReadByte_`,
		`operationId "stringPets" would give the method String, a name Go reserves for fmt.Stringer: the method is String_`,
	}, msgs)
	assert.Empty(t, naming.CheckPinned(api))

	pinned := op("GET", "/x", "getX", "")
	pinned.Pin = &model.Pin{Name: "MarshalJSON", Source: "x-go-name"}
	api = &model.API{Operations: []*model.Operation{pinned}}
	naming.Resolve(api)
	ds := naming.CheckPinned(api)
	require.Len(t, ds, 1)
	assert.Equal(t, `Go name "MarshalJSON" from x-go-name is a method name Go reserves for json.Marshaler: choose another`, ds[0].Message)
}

// TestResolveLongNames: a Go name made from a name of hundreds of bytes is
// cut to MaxNameLen, at a character boundary; two such names that share
// their first MaxNameLen bytes stay apart, and each long name is warned of.
func TestResolveLongNames(t *testing.T) {
	long := strings.Repeat("é", 150) // 300 bytes
	a, b := comp("X"+long+"a", model.KindStruct), comp("X"+long+"b", model.KindStruct)
	api := &model.API{Types: []*model.Type{a, b}}
	naming.Resolve(api)
	assert.LessOrEqual(t, len(a.GoName), naming.MaxNameLen)
	assert.Equal(t, "X"+strings.Repeat("é", 99), a.GoName)
	assert.Equal(t, a.GoName+"2", b.GoName)
	require.Len(t, api.Warnings, 2)
	assert.Equal(t, `the name "X`+strings.Repeat("é", 39)+`..." is 302 bytes long: Go names made from it are cut to 200 bytes`, api.Warnings[0].Message)
}
