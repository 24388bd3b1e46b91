package model

import (
	"strings"
)

// ExampleJSON returns a JSON value for t that a test or a code sample can
// send: t's own example when the spec gives one; otherwise one built from its
// parts, taking every property that has an example of its own and every
// required one, and leaving readOnly properties out (they are never sent).
func ExampleJSON(t *Type) string {
	var b strings.Builder
	writeExample(&b, t, 0)
	return b.String()
}

// maxExampleDepth stops a recursive type from building forever.
const maxExampleDepth = 12

func writeExample(b *strings.Builder, t *Type, depth int) {
	if t == nil || depth > maxExampleDepth {
		b.WriteString("null")
		return
	}
	if t.Example != nil {
		b.WriteString(t.Example.JSON)
		return
	}
	switch t.Kind {
	case KindAlias:
		writeExample(b, t.Target, depth+1)
	case KindEnum:
		b.WriteString(t.Values[0].Value.JSON)
	case KindStruct:
		if t.Tuple {
			b.WriteByte('[')
			for i, f := range t.Fields {
				if !f.Required {
					break
				}
				if i > 0 {
					b.WriteByte(',')
				}
				writeExample(b, f.Type, depth+1)
			}
			b.WriteByte(']')
			return
		}
		b.WriteByte('{')
		n := 0
		for _, f := range t.Fields {
			if f.ReadOnly || (!f.Required && f.Example == nil && !f.Type.HasExample()) {
				continue
			}
			if n > 0 {
				b.WriteByte(',')
			}
			n++
			b.WriteString(quote(f.Name))
			b.WriteByte(':')
			if f.Example != nil {
				b.WriteString(f.Example.JSON)
			} else {
				writeExample(b, f.Type, depth+1)
			}
		}
		b.WriteByte('}')
	case KindArray:
		b.WriteByte('[')
		writeExample(b, t.Elem, depth+1)
		b.WriteByte(']')
	case KindMap:
		b.WriteString("{}")
	case KindUnion:
		writeExample(b, t.Variants[0].Type, depth+1)
	case KindString:
		b.WriteString(quote(stringExample(t.Format)))
	case KindInteger:
		b.WriteString("1")
	case KindNumber:
		b.WriteString("1.5")
	case KindBoolean:
		b.WriteString("true")
	default:
		b.WriteString(`"value"`)
	}
}

func stringExample(format string) string {
	switch format {
	case "date-time":
		return "2024-01-02T03:04:05Z"
	case "date":
		return "2024-01-02"
	case "time":
		return "03:04:05Z"
	case "uuid":
		return "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e"
	case "uri", "url", "uri-reference", "iri":
		return "https://example.com"
	case "email":
		return "user@example.com"
	case "ipv4":
		return "192.0.2.1"
	case "ipv6":
		return "2001:db8::1"
	case "hostname":
		return "example.com"
	case "byte":
		return "aGVsbG8="
	}
	return "string"
}

func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20:
			b.WriteString(`\u00`)
			b.WriteByte("0123456789abcdef"[r>>4])
			b.WriteByte("0123456789abcdef"[r&0xf])
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
