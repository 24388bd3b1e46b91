package templates

import (
	"bytes"
	"encoding"
	"encoding/json"
	"fmt"
	"net/url"
	"reflect"
	"strconv"
	"strings"
)

// Query strings are written by hand rather than with url.Values, which sorts
// keys: parameters go out in the order the generated code adds them, and the
// members of an object in the order of its JSON encoding.
//
// Names and values are percent-encoded in full, brackets included, as
// url.Values.Encode does: filter[status]=a b is sent as
// filter%5Bstatus%5D=a%20b. A space is %20 rather than +, which reads the same
// under both RFC 3986 and form decoding. The delimiters of non-exploded
// arrays and objects (",", "|", "%20") separate values that are each encoded,
// so a comma inside a value arrives as %2C.

// qvalue is a parameter value turned into text: a scalar, an array, or an
// object whose members keep their JSON order.
type qvalue struct {
	kind  qkind
	text  string   // a scalar; JSON null is the empty string
	keys  []string // object member names, parallel to items
	items []qvalue // array items or object member values
}

type qkind uint8

const (
	qScalar qkind = iota
	qArray
	qObject
)

// toQValue turns a parameter value into a qvalue. ok is false when there is
// nothing to send: nil, a nil pointer, slice or map, or an unset Opt or
// Nullable. Everything else goes through the request JSON encoder, so a
// parameter reads exactly as it would in a body: time.Time as RFC 3339 with
// its fraction of a second, Date as YYYY-MM-DD, enums as their string. A
// fmt.Stringer without a JSON form is written with String.
func toQValue(v any) (q qvalue, ok bool, err error) {
	if v == nil {
		return q, false, nil
	}
	switch rv := reflect.ValueOf(v); rv.Kind() {
	case reflect.Pointer, reflect.Map, reflect.Slice:
		if rv.IsNil() {
			return q, false, nil
		}
	}
	if !present(v) {
		return q, false, nil
	}
	switch x := v.(type) {
	case string:
		return qvalue{text: x}, true, nil
	case jsonEncodable, json.Marshaler, encoding.TextMarshaler:
	case fmt.Stringer:
		return qvalue{text: x.String()}, true, nil
	}
	data, err := marshalRequest(v)
	if err != nil {
		return q, false, err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	q, err = readQValue(dec)
	return q, err == nil, err
}

func readQValue(dec *json.Decoder) (qvalue, error) {
	tok, err := dec.Token()
	if err != nil {
		return qvalue{}, err
	}
	switch t := tok.(type) {
	case json.Delim: // '[' or '{': a closing one is consumed below
		v := qvalue{kind: qArray}
		if t == '{' {
			v.kind = qObject
		}
		for dec.More() {
			if v.kind == qObject {
				key, err := dec.Token()
				if err != nil {
					return qvalue{}, err
				}
				v.keys = append(v.keys, key.(string))
			}
			item, err := readQValue(dec)
			if err != nil {
				return qvalue{}, err
			}
			v.items = append(v.items, item)
		}
		_, err := dec.Token()
		return v, err
	case string:
		return qvalue{text: t}, nil
	case json.Number:
		return qvalue{text: t.String()}, nil
	case bool:
		return qvalue{text: strconv.FormatBool(t)}, nil
	}
	return qvalue{}, nil // null
}

// join writes v in non-exploded form: a scalar as itself, an array as a,b and
// an object as k1,v1,k2,v2, each piece passed through esc. ok is false when an
// item is itself an array or object, which this form cannot express.
func (v qvalue) join(delim string, esc func(string) string) (s string, ok bool) {
	if v.kind == qScalar {
		return esc(v.text), true
	}
	parts := make([]string, 0, 2*len(v.items))
	for i, it := range v.items {
		if it.kind != qScalar {
			return "", false
		}
		if v.kind == qObject {
			parts = append(parts, esc(v.keys[i]))
		}
		parts = append(parts, esc(it.text))
	}
	return strings.Join(parts, delim), true
}

// queryParam adds a query parameter in the given style: "form" (also used
// for "" and anything unknown), "deepObject", "pipeDelimited" or
// "spaceDelimited".
//   - deepObject: filter[a][b]=v at any depth, an array as filter[a][]=v.
//   - form, exploded: an array as name=a&name=b; an object as one pair per
//     property (an array property repeats, a deeper object falls back to
//     bracket keys: k[x]=v).
//   - form, not exploded: name=a,b or name=k1,v1,k2,v2; pipeDelimited and
//     spaceDelimited do the same with "|" and a space.
//
// A value too deep for its style is sent in deepObject form. An empty array or
// object sends nothing when exploded (there is no pair to write) and name=
// when not. An explicit null (Nullable) sends name=, an unset Opt or Nullable
// nothing.
func (r *request) queryParam(name string, value any, style string, explode bool) {
	v, ok, err := toQValue(value)
	if err != nil {
		r.fail(fmt.Errorf("query parameter %s: %w", name, err))
		return
	}
	if !ok {
		return
	}
	delim := ","
	switch style {
	case "deepObject":
		r.query.deep(name, v)
		return
	case "pipeDelimited":
		delim = "|"
	case "spaceDelimited":
		delim = "%20"
	}
	if v.kind != qScalar && explode {
		r.query.explode(name, v)
		return
	}
	if s, ok := v.join(delim, queryEscape); ok {
		r.query.add(name, s)
		return
	}
	r.query.deep(name, v)
}

// queryPairs is a query string or form body being built: name=value pairs,
// already percent-encoded, in order.
type queryPairs []string

func (q *queryPairs) add(name, escapedValue string) {
	*q = append(*q, queryEscape(name)+"="+escapedValue)
}

func (q queryPairs) String() string { return strings.Join(q, "&") }

// deep writes v in bracket form under prefix.
func (q *queryPairs) deep(prefix string, v qvalue) {
	switch v.kind {
	case qScalar:
		q.add(prefix, queryEscape(v.text))
	case qArray:
		for _, it := range v.items {
			q.deep(prefix+"[]", it)
		}
	case qObject:
		for i, k := range v.keys {
			q.deep(prefix+"["+k+"]", v.items[i])
		}
	}
}

// explode writes an array as repeated name=item and an object as one pair per
// property, named by the property alone; anything deeper goes in bracket form.
func (q *queryPairs) explode(name string, v qvalue) {
	for i, it := range v.items {
		switch {
		case v.kind == qArray && it.kind == qScalar:
			q.add(name, queryEscape(it.text))
		case v.kind == qArray:
			q.deep(name+"[]", it)
		case it.kind == qArray:
			q.explode(v.keys[i], it)
		default:
			q.deep(v.keys[i], it)
		}
	}
}

func queryEscape(s string) string { return strings.ReplaceAll(url.QueryEscape(s), "+", "%20") }
