package naming_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/oagen-dev/oagen/internal/model/naming"
)

func TestWords(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"-_ ./", nil},
		{"user", []string{"user"}},
		{"userId", []string{"user", "Id"}},
		{"UserID", []string{"User", "ID"}},
		{"URLPath", []string{"URL", "Path"}},
		{"HTTPServer", []string{"HTTP", "Server"}},
		{"getHTTPResponseCode", []string{"get", "HTTP", "Response", "Code"}},
		{"XMLHttpRequest", []string{"XML", "Http", "Request"}},
		{"ABC", []string{"ABC"}},
		{"aB", []string{"a", "B"}},
		{"porting-order_Filter", []string{"porting", "order", "Filter"}},
		{"snake_case-kebab.dot space/slash", []string{"snake", "case", "kebab", "dot", "space", "slash"}},
		{"__leading__and__trailing__", []string{"leading", "and", "trailing"}},
		{"page[size]", []string{"page", "size"}},
		// Digits stay with the word they are written in.
		{"1080p", []string{"1080p"}},
		{"a1b2", []string{"a1b2"}},
		{"v2Beta", []string{"v2", "Beta"}},
		{"100Days", []string{"100", "Days"}},
		{"V2Beta", []string{"V2Beta"}},
		{"user_id_2", []string{"user", "id", "2"}},
		{"-1", []string{"1"}},
		// Unicode letters are letters; other symbols separate.
		{"café_au_lait", []string{"café", "au", "lait"}},
		{"ÜberCool", []string{"Über", "Cool"}},
		{"名前", []string{"名前"}},
		{"ユーザー名", []string{"ユーザー名"}},
		{"emoji😀name", []string{"emoji", "name"}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			assert.Equal(t, tt.want, naming.Words(tt.in))
		})
	}
}

func TestPascal(t *testing.T) {
	tests := []struct {
		in   []string
		want string
	}{
		{nil, ""},
		{[]string{"user"}, "User"},
		{[]string{"user", "id"}, "UserID"},
		{[]string{"user", "Id"}, "UserID"},
		{[]string{"url", "path"}, "URLPath"},
		{[]string{"uuid"}, "UUID"},
		{[]string{"http", "client"}, "HTTPClient"},
		{[]string{"api", "key"}, "APIKey"},
		{[]string{"json", "body"}, "JSONBody"},
		{[]string{"Json"}, "JSON"},
		// Plural initialisms keep a lower-case s.
		{[]string{"ids"}, "IDs"},
		{[]string{"user", "ids"}, "UserIDs"},
		{[]string{"urls"}, "URLs"},
		{[]string{"apis"}, "APIs"},
		// Short words ending in s are not plurals of an initialism.
		{[]string{"is"}, "Is"},
		{[]string{"us"}, "Us"},
		// Words in capitals stay so.
		{[]string{"Activate", "RDY"}, "ActivateRDY"},
		{[]string{"2fa"}, "2fa"},
		{[]string{"élan"}, "Élan"},
		{[]string{"名前"}, "名前"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			assert.Equal(t, tt.want, naming.Pascal(tt.in))
		})
	}
}

func TestExported(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		{"user", "User"},
		{"user_id", "UserID"},
		{"userId", "UserID"},
		{"UserID", "UserID"},
		{"id", "ID"},
		{"url", "URL"},
		{"uuid", "UUID"},
		{"http_status", "HTTPStatus"},
		{"api_key", "APIKey"},
		{"json", "JSON"},
		{"PhoneNumber", "PhoneNumber"},
		{"phone_number", "PhoneNumber"},
		{"porting-orders", "PortingOrders"},
		{"Porting Orders", "PortingOrders"},
		{"_private", "Private"},
		// Plurals of initialisms.
		{"ids", "IDs"},
		{"user_ids", "UserIDs"},
		{"userIDs", "UserIDs"},
		{"urls", "URLs"},
		{"callback_urls", "CallbackURLs"},
		// A name wholly in capitals is title-cased, initialisms excepted.
		{"ACCOUNT_NUMBER_MISMATCH", "AccountNumberMismatch"},
		{"HTTP_STATUS", "HTTPStatus"},
		{"ID", "ID"},
		{"URL", "URL"},
		{"RDY", "Rdy"},
		{"A", "A"},
		// Mixed case keeps capitals.
		{"Activate RDY", "ActivateRDY"},
		// A leading digit or a letter without case gets the prefix X.
		{"1080p", "X1080p"},
		{"2fa_code", "X2faCode"},
		{"3", "X3"},
		{"名前", "X名前"},
		{"ユーザー_id", "XユーザーID"},
		{"élan", "Élan"},
		// Nothing usable.
		{"", "Empty"},
		{"---", "Empty"},
		{"😀", "Empty"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got := naming.Exported(tt.in)
			assert.Equal(t, tt.want, got)
			assert.True(t, naming.IsExported(got), "%q is not an exported identifier", got)
		})
	}
}

func TestIsExported(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"Pet", true},
		{"X1080p", true},
		{"pet", false},
		{"1080p", false},
		{"", false},
		{"Pet-Store", false},
		{"_Pet", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			assert.Equal(t, tt.want, naming.IsExported(tt.in))
		})
	}
}

func TestLocal(t *testing.T) {
	tests := []struct {
		in        string
		taken     []string
		want      string
		wantTaken []string // taken afterwards
	}{
		{in: "filter", want: "filter", wantTaken: []string{"filter"}},
		{in: "page[size]", want: "pageSize", wantTaken: []string{"pageSize"}},
		{in: "Content-Type", want: "contentType", wantTaken: []string{"contentType"}},
		{in: "user_id", want: "userID", wantTaken: []string{"userID"}},
		{in: "X-API-KEY", want: "xAPIKey", wantTaken: []string{"xAPIKey"}},
		// A leading initialism is lowered as a whole.
		{in: "id", want: "id", wantTaken: []string{"id"}},
		{in: "ID", want: "id", wantTaken: []string{"id"}},
		{in: "url", want: "url", wantTaken: []string{"url"}},
		{in: "URLPath", want: "urlPath", wantTaken: []string{"urlPath"}},
		{in: "api_key", want: "apiKey", wantTaken: []string{"apiKey"}},
		{in: "ids", want: "ids", wantTaken: []string{"ids"}},
		{in: "IDs", want: "ids", wantTaken: []string{"ids"}},
		// Keywords.
		{in: "type", want: "type_", wantTaken: []string{"type_"}},
		{in: "func", want: "func_", wantTaken: []string{"func_"}},
		{in: "range", want: "range_", wantTaken: []string{"range_"}},
		{in: "Type", want: "type_", wantTaken: []string{"type_"}},
		// Predeclared names.
		{in: "string", want: "string_", wantTaken: []string{"string_"}},
		{in: "nil", want: "nil_", wantTaken: []string{"nil_"}},
		{in: "error", want: "error_", wantTaken: []string{"error_"}},
		{in: "iota", want: "iota_", wantTaken: []string{"iota_"}},
		{in: "len", want: "len_", wantTaken: []string{"len_"}},
		// Taken names (imported packages, other locals).
		{in: "url", taken: []string{"url"}, want: "url_", wantTaken: []string{"url", "url_"}},
		{in: "url", taken: []string{"url", "url_"}, want: "url_3", wantTaken: []string{"url", "url_", "url_3"}},
		{in: "type", taken: []string{"type_"}, want: "type_3", wantTaken: []string{"type_", "type_3"}},
		{in: "ctx", taken: []string{"url"}, want: "ctx", wantTaken: []string{"ctx", "url"}},
		// Nothing usable, or a leading digit.
		{in: "", want: "v", wantTaken: []string{"v"}},
		{in: "---", want: "v", wantTaken: []string{"v"}},
		{in: "123", want: "v123", wantTaken: []string{"v123"}},
		{in: "2fa", want: "v2fa", wantTaken: []string{"v2fa"}},
		{in: "名前", want: "名前", wantTaken: []string{"名前"}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			taken := map[string]bool{}
			for _, n := range tt.taken {
				taken[n] = true
			}
			wantTaken := map[string]bool{}
			for _, n := range tt.wantTaken {
				wantTaken[n] = true
			}
			var got string
			// Local must not panic on any input: names come from the spec.
			if !assert.NotPanics(t, func() { got = naming.Local(tt.in, taken) }) {
				return
			}
			assert.Equal(t, tt.want, got)
			assert.Equal(t, wantTaken, taken)
		})
	}
}
