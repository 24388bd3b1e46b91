package model

import "strings"

// Operation is one HTTP operation: a method on a path, or a webhook.
type Operation struct {
	ID        string // operationId; derived from method and path when the spec has none
	IDDerived bool   // ID was derived, not written in the spec
	Method    string // upper case: "GET", "PATCH", ...
	Path      string // e.g. "/porting_orders/{id}"; for a webhook, its name; for a callback, its expression
	Webhook   bool   // the API sends this request (a webhook or a callback): no client method
	Pointer   string // e.g. "#/paths/~1porting_orders~1{id}/patch"; in a $ref'd path item, the definition's
	Pos       Pos

	// Callback is the callback's key for an operation of a callback, e.g.
	// "onPaymentEvent", and CallbackOf the operation that declares it.
	Callback   string
	CallbackOf *Operation
	// Callbacks are the operations of this operation's callbacks, in
	// document order.
	Callbacks []*Operation
	// RefPath is the path item's $ref when the path (or webhook) uses a
	// shared one, e.g. "#/components/pathItems/Pet".
	RefPath string

	Tags        []string
	Summary     string
	Description string
	Deprecated  bool

	Params []*Param // path-level parameters merged in, then the operation's; document order
	// FixedQuery are name=value pairs a path key carried after "?" (not
	// allowed by OpenAPI, written by converted specs): sent with every call.
	FixedQuery [][2]string
	Body       *RequestBody
	Responses  []*Response // document order; "default" last

	// Security is the operation's own requirement; nil means the document's
	// default applies, an empty non-nil slice means no authentication.
	Security []SecurityRequirement

	// Pagination is set when the operation pages through a list by one of
	// the schemes oagen knows (detected from the spec, or declared in
	// oagen.yaml): it gets an iterator.
	Pagination *Pagination

	// Set by the naming pass:
	Service    string // how a Client reaches the method's service, e.g. "PortingOrders.PhoneNumberBlocks"
	GoName     string // the method, e.g. "Update"
	Pin        *Pin   // the method name the user chose, if any; the naming pass keeps it
	ParamsType string // the struct of query, header and cookie parameters, e.g. "ListPortingOrdersParams"; "" when there are none
	PagerName  string // the iterator method when Pagination is set, e.g. "ListAll"
	// StreamName is the method that reads the response as server-sent
	// events when the response offers them beside another media type, e.g.
	// "CreateStream"; "" otherwise (see EventStream).
	StreamName string
	// MultipartName is the method that sends the request body as
	// multipart/form-data when the body offers it, with files, beside JSON
	// (see MultipartTwin), e.g. "CreateMultipart"; "" otherwise.
	MultipartName string
	// MediaTwins are the methods that ask for the other media types of a
	// success response that offers JSON (see AlternateMedia), one each, in
	// document order, e.g. {text/csv, "GetReportCSV"}: the typed method
	// asks for JSON and decodes it.
	MediaTwins []MediaTwin

	// HeadersType is the struct of the typed headers of the success
	// responses, e.g. "ListPetsResponseHeaders"; "" when they declare none.
	HeadersType string
	// ResponseHeaders are the fields of HeadersType, in document order:
	// the headers of the success responses, each name once.
	ResponseHeaders []*Header
}

// IsJSON reports whether a media type is JSON: application/json or a +json
// suffix, with or without parameters.
func IsJSON(mediaType string) bool {
	mt, _, _ := strings.Cut(strings.ToLower(mediaType), ";")
	mt = strings.TrimSpace(mt)
	return mt == "application/json" || strings.HasSuffix(mt, "+json") || mt == "text/json"
}

// IsWildcard reports whether a media type is a range, */* or application/*:
// it says what a server accepts, and is no Content-Type to send.
func IsWildcard(mediaType string) bool {
	mt, _, _ := strings.Cut(mediaType, ";")
	return strings.HasSuffix(strings.TrimSpace(mt), "/*")
}

// PageScheme is how a list operation reaches its next page.
type PageScheme string

const (
	// PageNumber asks for page 1, 2, 3, ... in a query parameter, up to a
	// total of pages when the response gives one.
	PageNumber PageScheme = "page"
	// PageOffset asks for the items from an offset on, advancing it by the
	// number of items each page held.
	PageOffset PageScheme = "offset"
	// PageCursor sends back a cursor from the response (Next), or the id of
	// the last item (ItemID), in a query parameter.
	PageCursor PageScheme = "cursor"
	// PageNextURL fetches the URL a member of the response body gives.
	PageNextURL PageScheme = "next-url"
	// PageLinkHeader fetches the URL of the response's Link header with
	// rel="next".
	PageLinkHeader PageScheme = "link-header"
)

// PageSchemes lists the schemes in the order the documentation gives them.
var PageSchemes = []PageScheme{PageNumber, PageOffset, PageCursor, PageNextURL, PageLinkHeader}

// FieldPath is a chain of response members, from the top of the body down,
// e.g. meta then total_pages.
type FieldPath []*Field

// String is the dotted JSON name, e.g. "meta.total_pages".
func (p FieldPath) String() string {
	names := make([]string, len(p))
	for i, f := range p {
		names[i] = f.Name
	}
	return strings.Join(names, ".")
}

// Pagination describes how a list operation pages: what the iterator sets
// in the request and what it reads from each response.
type Pagination struct {
	Scheme PageScheme
	// PageParam is the query parameter the iterator sets: the page number,
	// the offset or the cursor; nil for PageNextURL and PageLinkHeader. For
	// a deepObject "page" holding the number (Telnyx's page[number]),
	// NumberField is that property of PageParam's type.
	PageParam   *Param
	NumberField *Field
	// Items is the path to the array of results; empty when the response
	// body is the array itself.
	Items FieldPath
	// Total is, when the response gives it, the number of pages
	// (PageNumber) or of items (PageOffset).
	Total FieldPath
	// HasMore is a boolean member whose false says that no page follows.
	HasMore FieldPath
	// Next is the member holding the next cursor (PageCursor) or URL
	// (PageNextURL).
	Next FieldPath
	// ItemID is, for a PageCursor without Next, the member of the last item
	// whose value is the next cursor (Stripe's starting_after=<id>).
	ItemID *Field
	// Response is the type of the success body the members are read from.
	Response *Type
	// Declared is true when oagen.yaml declared the scheme.
	Declared bool
}

// Service is a group of operations, one per tag (an operation's first tag),
// or a sub-service of one: the operations of a resource nested in the
// service's paths (/porting_orders/{id}/phone_number_blocks).
type Service struct {
	Tag        string       // the tag, e.g. "Porting Orders"; "" for untagged operations; a sub-service's is its parent's
	GoName     string       // the Client field, or for a sub-service the parent's field, e.g. "PortingOrders", "PhoneNumberBlocks"
	TypeName   string       // the service type, e.g. "PortingOrdersService", "PortingOrdersPhoneNumberBlocksService"
	Operations []*Operation // sorted by path, then method

	// Resource is a sub-service's path segment, e.g. "phone_number_blocks";
	// Parent the service that holds it. Both are empty for a service of
	// the Client.
	Resource string
	Parent   *Service
	// Subs are the sub-services, sorted by GoName.
	Subs []*Service
}

// Path is how a user reaches the service from a Client, e.g.
// "PortingOrders.PhoneNumberBlocks".
func (s *Service) Path() string {
	if s.Parent != nil {
		return s.Parent.Path() + "." + s.GoName
	}
	return s.GoName
}

// AllServices returns every service of the API and, after each, its
// sub-services.
func (api *API) AllServices() []*Service {
	var out []*Service
	for _, s := range api.Services {
		out = append(out, s)
		out = append(out, s.Subs...)
	}
	return out
}

// ParamIn is where a parameter travels.
type ParamIn string

const (
	InPath   ParamIn = "path"
	InQuery  ParamIn = "query"
	InHeader ParamIn = "header"
	InCookie ParamIn = "cookie"
)

// Param is one parameter of an operation.
type Param struct {
	Name    string // as on the wire, e.g. "filter" or "id"
	In      ParamIn
	GoName  string // set by the naming pass
	Pointer string
	Pos     Pos

	Type     *Type
	Required bool
	Nullable bool
	Style    string // effective style: "form", "simple", "deepObject", ...
	Explode  bool   // effective explode

	Description string
	Deprecated  bool
	Example     *Value
	// Examples are the parameter's example and each of its examples, in
	// document order; its schema's are in API.SchemaExamples.
	Examples []*Example
}

// RequestBody is an operation's request body.
type RequestBody struct {
	Required    bool
	Description string
	Pointer     string
	Pos         Pos
	Contents    []*Content // one per media type, document order
}

// Response is one documented response of an operation.
type Response struct {
	Status      string // "200", "4XX" or "default"
	Description string
	Pointer     string
	Pos         Pos
	Contents    []*Content
	Headers     []*Header
}

// Content is one media type of a body.
type Content struct {
	MediaType string // e.g. "application/json"
	Type      *Type  // nil when the media type has no schema
	Pointer   string
	Pos       Pos
	Examples  []*Example // example, then examples, in document order
	// ItemType is the type of each item of a sequential media type
	// (itemSchema, OpenAPI 3.2): each event of a text/event-stream.
	ItemType *Type
	// Encoding is the media type's encoding of properties in a multipart
	// or form body, in document order.
	Encoding []*PartEncoding
}

// PartEncoding is the encoding of one property of a multipart body.
type PartEncoding struct {
	Name        string // the property
	ContentType string // e.g. "image/png", "image/png, image/jpeg"; "" when not given
}

// PartContentType is the Content-Type the encoding gives a property's part:
// one media type, not a list or a range; "" when it gives none.
func (c *Content) PartContentType(property string) string {
	for _, e := range c.Encoding {
		if e.Name == property && !strings.Contains(e.ContentType, ",") && !IsWildcard(e.ContentType) {
			return strings.TrimSpace(e.ContentType)
		}
	}
	return ""
}

// Example is a named example value.
type Example struct {
	Name    string // the key under examples; empty for a bare example
	Value   *Value
	Pointer string
}

// Header is a response header.
type Header struct {
	Name        string
	GoName      string // the field of the operation's headers struct, set by the naming pass
	Type        *Type
	Required    bool
	Deprecated  bool
	Description string
	Pointer     string
	Pos         Pos
	// Examples are the header's example and each of its examples.
	Examples []*Example
}

// SecurityScheme is one entry of components.securitySchemes.
type SecurityScheme struct {
	Name         string // the key
	Type         string // "apiKey", "http", "oauth2", "openIdConnect", "mutualTLS"
	Scheme       string // http: "bearer", "basic"
	In           string // apiKey: "header", "query", "cookie"
	ParamName    string // apiKey: the header, query or cookie name
	BearerFormat string
	Description  string
	Pointer      string
	Pos          Pos

	// Flows are an oauth2 scheme's flows, in document order.
	Flows []OAuthFlow
	// OpenIDConnectURL is an openIdConnect scheme's discovery document.
	OpenIDConnectURL string
	// Unsupported says why the client cannot send this scheme's credentials
	// (mutualTLS, an unknown type, an apiKey without a name ...); empty when
	// it can. A requirement that needs it is never satisfied.
	Unsupported string

	// GoName is the scheme's client option, set by the naming pass, e.g.
	// "WithPetstoreAuth".
	GoName string
}

// OAuthFlow is one flow of an oauth2 scheme.
type OAuthFlow struct {
	Name             string // "implicit", "password", "clientCredentials", "authorizationCode"
	AuthorizationURL string
	TokenURL         string
	RefreshURL       string
	Scopes           []string // document order
}

// Sends reports how the scheme's credential travels: "bearer" (http bearer,
// oauth2, openIdConnect), "basic", "http" (another http scheme, sent as
// "Authorization: <scheme> <credentials>"), "header", "query" or "cookie"
// (apiKey); "" when Unsupported.
func (s *SecurityScheme) Sends() string {
	if s.Unsupported != "" {
		return ""
	}
	switch s.Type {
	case "oauth2", "openIdConnect":
		return "bearer"
	case "apiKey":
		return s.In
	case "http":
		switch s.Scheme {
		case "bearer", "basic":
			return s.Scheme
		}
		return "http"
	}
	return ""
}

// SecurityRequirement is one alternative of a security list: every scheme in
// it applies together. An empty requirement means "no authentication".
type SecurityRequirement struct {
	Schemes []SchemeUse
}

// SchemeUse names a security scheme and the scopes an operation needs.
type SchemeUse struct {
	Name   string
	Scopes []string
	// Option is the scheme's client option, set by the naming pass; "" when
	// the scheme is not declared or the client cannot send it.
	Option string
}
