package templates

import (
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"time"
)

// responseHeaders is implemented by the generated <Operation>ResponseHeaders
// structs, and only by them: its method is unexported.
type responseHeaders interface {
	readHeaders(h http.Header)
}

// WithResponseHeaders fills dst, a generated <Operation>ResponseHeaders, from
// the headers of the call's successful (2xx) response, as the server sent
// them. It is left alone when the call fails before a 2xx arrives. Use it per
// call, not per client: every call would write into the same dst.
//
// A header that is missing or does not parse as its type never fails the
// call: its field is left unset (a required one at its zero value), dst.Err()
// says which header and why, and dst.Raw() holds every header as received.
func WithResponseHeaders(dst responseHeaders) Option {
	if dst == nil {
		return func(*config) {}
	}
	return WithMiddleware(func(req *http.Request, next MiddlewareNext) (*http.Response, error) {
		res, err := next(req)
		if err == nil && res != nil && res.StatusCode >= 200 && res.StatusCode < 300 {
			dst.readHeaders(res.Header)
		}
		return res, err
	})
}

// HeaderError says that a response header declared by the spec was missing
// though required, or did not parse as its type.
type HeaderError struct {
	Name  string // as declared in the spec, e.g. "X-Rate-Limit"
	Value string // as received; empty when missing
	Err   error
}

func (e *HeaderError) Error() string {
	if e.Value == "" && e.Err == errMissingHeader {
		return fmt.Sprintf("response header %s: %v", e.Name, e.Err)
	}
	return fmt.Sprintf("response header %s: invalid value %q: %v", e.Name, e.Value, e.Err)
}

func (e *HeaderError) Unwrap() error { return e.Err }

var errMissingHeader = errors.New("required but missing")

// responseHeaderState is embedded in every generated headers struct: it keeps
// the headers as received and the problems met reading them.
type responseHeaderState struct {
	raw  http.Header
	errs []error
}

// Raw returns every header of the response as received, the typed ones
// included; nil before the struct was filled.
func (s *responseHeaderState) Raw() http.Header { return s.raw }

// Err returns nil when every declared header was read, else the problems, one
// *HeaderError per header, joined (errors.As finds the first).
func (s *responseHeaderState) Err() error { return errors.Join(s.errs...) }

// readHeader parses the header name into dst, a pointer to the field's value,
// and reports whether it was present and valid. Several lines of one header
// are joined with ", " as HTTP allows. On a problem dst is left at its zero
// value and the problem is recorded.
func (s *responseHeaderState) readHeader(name string, required bool, dst any) bool {
	values := s.raw.Values(name)
	if len(values) == 0 {
		if required {
			s.errs = append(s.errs, &HeaderError{Name: name, Err: errMissingHeader})
		}
		return false
	}
	text := strings.Join(values, ", ")
	v := reflect.ValueOf(dst)
	if v.Kind() != reflect.Pointer || v.IsNil() {
		s.errs = append(s.errs, &HeaderError{Name: name, Value: text, Err: errors.New("no field to hold it")})
		return false
	}
	parsed := reflect.New(v.Elem().Type()).Elem()
	if err := parseHeaderText(text, parsed, 0); err != nil {
		s.errs = append(s.errs, &HeaderError{Name: name, Value: text, Err: err})
		return false
	}
	v.Elem().Set(parsed)
	return true
}

var (
	timeType      = reflect.TypeFor[time.Time]()
	textUnmarshal = reflect.TypeFor[encoding.TextUnmarshaler]()
	jsonUnmarshal = reflect.TypeFor[json.Unmarshaler]()
)

// parseHeaderText reads a header value in simple style into v: a string as
// it is, a number or boolean from its text, a date-time in RFC 3339 or as an
// HTTP-date, an array as comma-separated items, anything that decodes from
// text or JSON (dates, enums, unions) that way, the JSON value or else the
// text as a JSON string.
func parseHeaderText(text string, v reflect.Value, depth int) error {
	t := v.Type()
	switch {
	case t == timeType:
		tm, err := time.Parse(time.RFC3339, text)
		if err != nil {
			var herr error
			if tm, herr = http.ParseTime(text); herr != nil {
				return errors.New("not an RFC 3339 date-time or an HTTP-date")
			}
		}
		v.Set(reflect.ValueOf(tm))
		return nil
	case reflect.PointerTo(t).Implements(jsonUnmarshal):
		data := []byte(text)
		if !json.Valid(data) {
			data, _ = json.Marshal(text)
		}
		return v.Addr().Interface().(json.Unmarshaler).UnmarshalJSON(data)
	case reflect.PointerTo(t).Implements(textUnmarshal):
		return v.Addr().Interface().(encoding.TextUnmarshaler).UnmarshalText([]byte(text))
	}
	switch t.Kind() {
	case reflect.String:
		v.SetString(text)
	case reflect.Bool:
		b, err := strconv.ParseBool(text)
		if err != nil {
			return errors.New("not a boolean")
		}
		v.SetBool(b)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n, err := strconv.ParseInt(text, 10, t.Bits())
		if err != nil {
			return fmt.Errorf("not an integer of %d bits", t.Bits())
		}
		v.SetInt(n)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		n, err := strconv.ParseUint(text, 10, t.Bits())
		if err != nil {
			return fmt.Errorf("not an unsigned integer of %d bits", t.Bits())
		}
		v.SetUint(n)
	case reflect.Float32:
		f, ok := float32Exact(text)
		if !ok {
			return errors.New("not a number a 32-bit float holds without rounding")
		}
		v.SetFloat(float64(f))
	case reflect.Float64:
		f, err := strconv.ParseFloat(text, 64)
		if err != nil {
			return errors.New("not a number")
		}
		v.SetFloat(f)
	case reflect.Slice:
		if depth > 0 {
			return errors.New("a nested array cannot be read from a header")
		}
		items := strings.Split(text, ",")
		if strings.TrimSpace(text) == "" {
			items = nil
		}
		out := reflect.MakeSlice(t, len(items), len(items))
		for i, it := range items {
			if err := parseHeaderText(strings.TrimSpace(it), out.Index(i), depth+1); err != nil {
				return fmt.Errorf("item %d: %w", i, err)
			}
		}
		v.Set(out)
	case reflect.Interface:
		if !reflect.TypeOf(text).AssignableTo(t) {
			return fmt.Errorf("cannot hold a %s", t)
		}
		v.Set(reflect.ValueOf(text))
	default:
		data := []byte(text)
		if !json.Valid(data) {
			data, _ = json.Marshal(text)
		}
		if err := json.Unmarshal(data, v.Addr().Interface()); err != nil {
			return fmt.Errorf("cannot be read as %s", t)
		}
	}
	return nil
}
