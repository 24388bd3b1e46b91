// Package changes compares two versions of a spec with libopenapi's
// what-changed and returns its findings as plain data: one Change per
// finding, placed by a readable path, sorted, each marked breaking or not by
// libopenapi's rules. Like its parent, it is one of the few places that
// import libopenapi; nothing it returns refers to libopenapi.
package changes

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/pb33f/go-yaml"
	"github.com/pb33f/libopenapi"
	"github.com/pb33f/libopenapi/datamodel"
	lowbase "github.com/pb33f/libopenapi/datamodel/low/base"
	wcmodel "github.com/pb33f/libopenapi/what-changed/model"
)

// Change is one difference between the old and the new spec.
type Change struct {
	// Path is where in the document, in JSONPath style with names rather
	// than indexes for list members, e.g.
	// "$.components.schemas.PortingOrder.properties.misc" or
	// "$.paths['/porting_orders'].get.parameters['filter'].schema".
	Path string `json:"path"`
	// Property is what changed at Path, e.g. "type", "properties", "enum".
	Property string `json:"property"`
	Kind     string `json:"change"` // "added", "removed" or "modified"
	Old      string `json:"old,omitempty"`
	New      string `json:"new,omitempty"`
	Breaking bool   `json:"breaking"`
	OldLine  int    `json:"oldLine,omitempty"` // in the old spec; 0 when unknown
	NewLine  int    `json:"newLine,omitempty"` // in the new spec
}

// String renders c on one line, e.g.
// "$.components.schemas.Pet.properties: added name (new line 40)".
func (c Change) String() string {
	var b strings.Builder
	if c.Property != "" {
		b.WriteString(join(c.Path, c.Property))
	} else {
		b.WriteString(c.Path)
	}
	b.WriteString(": " + c.Kind)
	old, new := short(c.Old), short(c.New)
	switch {
	case old != "" && new != "":
		fmt.Fprintf(&b, " %s → %s", old, new)
	case old != "":
		b.WriteString(" " + old)
	case new != "":
		b.WriteString(" " + new)
	}
	switch {
	case c.OldLine != 0 && c.NewLine != 0:
		fmt.Fprintf(&b, " (line %d → %d)", c.OldLine, c.NewLine)
	case c.OldLine != 0:
		fmt.Fprintf(&b, " (old line %d)", c.OldLine)
	case c.NewLine != 0:
		fmt.Fprintf(&b, " (new line %d)", c.NewLine)
	}
	return b.String()
}

// short cuts a value to one line of at most 60 characters, for String.
func short(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 60 {
		return string(r[:57]) + "..."
	}
	return s
}

// Compare reports what changed from the old spec to the new one. The
// paths are used only in error messages.
func Compare(oldPath string, oldData []byte, newPath string, newData []byte) ([]Change, error) {
	cfg := datamodel.NewDocumentConfiguration()
	cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	cfg.IgnoreArrayCircularReferences = true
	cfg.IgnorePolymorphicCircularReferences = true
	oldDoc, err := libopenapi.NewDocumentWithConfiguration(oldData, cfg)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", oldPath, firstLine(err))
	}
	newDoc, err := libopenapi.NewDocumentWithConfiguration(newData, cfg)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", newPath, firstLine(err))
	}
	dc, err := libopenapi.CompareDocuments(oldDoc, newDoc)
	if dc == nil {
		if err == nil {
			return nil, nil // nothing changed
		}
		return nil, fmt.Errorf("compare %s with %s: %w", oldPath, newPath, firstLine(err))
	}
	// Build errors (circular references and the like) do not stop the
	// comparison: the generator has reported on each spec already.
	var out []Change
	walk(reflect.ValueOf(dc), "$", &out)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		return cmp.Or(
			strings.Compare(join(a.Path, a.Property), join(b.Path, b.Property)),
			strings.Compare(a.Kind, b.Kind),
			strings.Compare(a.Old, b.Old),
			strings.Compare(a.New, b.New),
		) < 0
	})
	return slices.CompactFunc(out, func(a, b Change) bool { return a == b }), nil
}

func firstLine(err error) error {
	s, _, _ := strings.Cut(err.Error(), "\n")
	return errors.New(s)
}

var (
	changeType          = reflect.TypeFor[*wcmodel.Change]()
	propertyChangesType = reflect.TypeFor[*wcmodel.PropertyChanges]()
)

// segments renames what-changed's JSON keys to the spec's own, or drops them
// (""), so that a path reads like the document.
var segments = map[string]string{
	"pathItems":            "",
	"response":             "",
	"schemas":              "schema", // but components.schemas stays, see walk
	"requestBodies":        "requestBody",
	"securityRequirements": "security",
	"externalDoc":          "externalDocs",
	"itemSchemas":          "itemSchema",
	"oAuthFlow":            "flows",
	"authCode":             "authorizationCode",
	"serverVariables":      "variables",
	"mappings":             "mapping",
}

var identifier = regexp.MustCompile(`^[A-Za-z_$][A-Za-z0-9_$-]*$`)

// segment renders one step of a path: .name, or ['key'] for anything else.
func segment(s string) string {
	if identifier.MatchString(s) {
		return s
	}
	return "['" + strings.ReplaceAll(s, "'", `\'`) + "']"
}

func join(path, s string) string {
	s = segment(s)
	if strings.HasPrefix(s, "[") {
		return path + s
	}
	return path + "." + s
}

// walk collects the changes in v, a what-changed report or any part of it,
// found at path.
func walk(v reflect.Value, path string, out *[]Change) {
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return
		}
		v = v.Elem()
	}
	switch v.Kind() {
	case reflect.Struct:
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			fv := v.Field(i)
			if !f.IsExported() {
				continue
			}
			if f.Anonymous && f.Type == propertyChangesType {
				if !fv.IsNil() {
					for _, c := range fv.Interface().(*wcmodel.PropertyChanges).Changes {
						*out = append(*out, convert(c, path))
					}
				}
				continue
			}
			tag, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if tag == "" || tag == "-" {
				continue
			}
			switch fv.Kind() {
			case reflect.Pointer, reflect.Map, reflect.Slice:
			default:
				continue
			}
			if fv.Kind() == reflect.Slice && fv.Type().Elem() == changeType {
				for j := 0; j < fv.Len(); j++ {
					if c := fv.Index(j).Interface().(*wcmodel.Change); c != nil {
						*out = append(*out, convert(c, join(path, tag)))
					}
				}
				continue
			}
			next := path
			if seg, ok := segments[tag]; ok && !(tag == "schemas" && path == "$.components") {
				tag = seg
			}
			if tag != "" {
				next = join(path, tag)
			}
			walk(fv, next, out)
		}
	case reflect.Map:
		keys := v.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return fmt.Sprint(keys[i].Interface()) < fmt.Sprint(keys[j].Interface()) })
		for _, k := range keys {
			walk(v.MapIndex(k), join(path, fmt.Sprint(k.Interface())), out)
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			e := v.Index(i)
			name := fmt.Sprint(i)
			if n := nameOf(e); n != "" {
				name = n
			}
			walk(e, path+"['"+strings.ReplaceAll(name, "'", `\'`)+"']", out)
		}
	}
}

// nameOf is the Name of a list member (a parameter), or "".
func nameOf(v reflect.Value) string {
	for v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return ""
		}
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return ""
	}
	if f := v.FieldByName("Name"); f.IsValid() && f.Kind() == reflect.String {
		return f.String()
	}
	return ""
}

func convert(c *wcmodel.Change, path string) Change {
	out := Change{Path: path, Property: c.Property, Breaking: c.Breaking, Old: c.Original, New: c.New}
	switch c.ChangeType {
	case wcmodel.PropertyAdded, wcmodel.ObjectAdded:
		out.Kind = "added"
	case wcmodel.PropertyRemoved, wcmodel.ObjectRemoved:
		out.Kind = "removed"
	default:
		out.Kind = "modified"
	}
	if c.Context != nil {
		if c.Context.OriginalLine != nil {
			out.OldLine = *c.Context.OriginalLine
		}
		if c.Context.NewLine != nil {
			out.NewLine = *c.Context.NewLine
		}
	}
	// A type array (3.1's [string, "null"]) has no scalar value: show it.
	if c.Property == "type" {
		if out.Old == "" {
			out.Old = schemaType(c.OriginalObject)
		}
		if out.New == "" {
			out.New = schemaType(c.NewObject)
		}
	}
	return out
}

// schemaType renders the type keyword of a low-level schema, e.g.
// "[string, null]".
func schemaType(obj any) string {
	s, ok := obj.(*lowbase.Schema)
	if !ok || s == nil {
		return ""
	}
	return nodeText(s.Type.ValueNode)
}

func nodeText(n *yaml.Node) string {
	if n == nil {
		return ""
	}
	switch n.Kind {
	case yaml.ScalarNode:
		return n.Value
	case yaml.SequenceNode:
		items := make([]string, len(n.Content))
		for i, c := range n.Content {
			items[i] = nodeText(c)
		}
		return "[" + strings.Join(items, ", ") + "]"
	}
	return ""
}
