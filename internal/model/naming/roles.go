package naming

import (
	"fmt"
	"slices"
	"strings"

	"github.com/oagen-dev/oagen/internal/model"
)

// roles says what each inline named type is for (model.Type.Role), from
// where its schema is: a body or response of a method, a parameter, a
// property, an item or a value of another type. Docs lead with it; the JSON
// pointer stays for whoever needs it. A component schema gets one only when
// it is the body or a response of a single method.
func roles(api *model.API) {
	byPointer := map[string]string{}   // schema pointer → role
	uses := map[*model.Type][]string{} // component → the bodies and responses it is
	use := func(c *model.Content, role string) {
		byPointer[c.Pointer+"/schema"] = role
		if t := c.Type; t != nil && t.Named && t.Component != "" && !slices.Contains(uses[t], role) {
			uses[t] = append(uses[t], role)
		}
	}
	for _, op := range api.Operations {
		if op.Webhook || op.GoName == "" {
			continue
		}
		call := fmt.Sprintf("%s.%s (%s %s)", op.Service, op.GoName, op.Method, op.Path)
		if op.Body != nil {
			twin := op.MultipartTwin()
			for _, c := range op.Body.Contents {
				if c == twin && op.MultipartName != "" {
					// The form has a method of its own.
					use(c, fmt.Sprintf("the body of %s.%s (%s %s)", op.Service, op.MultipartName, op.Method, op.Path))
					continue
				}
				use(c, "the body of "+call)
			}
		}
		for _, r := range op.Responses {
			for _, c := range r.Contents {
				use(c, fmt.Sprintf("the %s response of %s", r.Status, call))
			}
		}
		for _, p := range op.Params {
			byPointer[p.Pointer+"/schema"] = fmt.Sprintf("the %s parameter %q of %s", p.In, p.Name, call)
		}
	}
	for _, t := range api.Types {
		switch {
		case !t.Named:
		case t.Component != "":
			// A component that is one method's body or response says so;
			// one shared by several is described by its key alone.
			if len(uses[t]) == 1 {
				t.Role = uses[t][0]
			}
		default:
			t.Role = roleOf(t, byPointer)
		}
	}
}

func roleOf(t *model.Type, byPointer map[string]string) string {
	if r := byPointer[t.Pointer]; r != "" {
		return r
	}
	for _, suffix := range []struct{ ptr, what string }{{"/items", "an item of "}, {"/additionalProperties", "a value of "}} {
		if base, ok := strings.CutSuffix(t.Pointer, suffix.ptr); ok && byPointer[base] != "" {
			return suffix.what + byPointer[base]
		}
	}
	p := t.NameParent
	if p == nil || p.GoName == "" {
		return ""
	}
	rel, ok := strings.CutPrefix(t.Pointer, p.Pointer+"/")
	if !ok {
		return ""
	}
	parts := strings.Split(rel, "/")
	switch {
	case len(parts) == 1 && parts[0] == "items":
		return "an item of " + p.GoName
	case len(parts) == 1 && parts[0] == "additionalProperties":
		return "a value of " + p.GoName
	case len(parts) == 2 && (parts[0] == "oneOf" || parts[0] == "anyOf"):
		return "a variant of " + p.GoName
	case len(parts) >= 2 && parts[0] == "properties":
		name := strings.ReplaceAll(strings.ReplaceAll(parts[1], "~1", "/"), "~0", "~")
		field := ""
		for _, f := range p.Fields {
			if f.Name == name {
				field = p.GoName + "." + f.GoName
			}
		}
		if field == "" {
			return ""
		}
		switch strings.Join(parts[2:], "/") {
		case "":
			return "the type of " + field
		case "items":
			return "an item of " + field
		case "additionalProperties":
			return "a value of " + field
		}
	}
	return ""
}
