package templates

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/url"
	"strings"
)

// raw sends a request the spec has no operation for, as Client.Do does: the
// path is relative to the base URL and sent as given (already escaped), with
// any query it carries; body and out are as Client.Do documents them. The
// call goes through do, so it has the document's credentials, the retries,
// the limits, the options and the errors of a generated method.
func (c *clientCore) raw(ctx context.Context, method, path string, body, out any, opts []Option) error {
	p, query, _ := strings.Cut(path, "?")
	// A brace would read as a path parameter left unset.
	p = strings.NewReplacer("{", "%7B", "}", "%7D").Replace(p)
	r := newRequest(strings.ToUpper(method), p)
	switch u, err := url.Parse(path); {
	case method == "":
		r.fail(errors.New("Do: the method is empty"))
	case err != nil:
		r.fail(errors.New("Do: the path is not a valid URL path"))
	case u.Scheme != "" || u.Host != "":
		r.fail(errors.New("Do: the path must be relative to the base URL, not an absolute URL"))
	case u.Fragment != "" || strings.Contains(path, "#"):
		r.fail(errors.New("Do: the path has a fragment, which is never sent"))
	}
	for _, pair := range strings.Split(query, "&") {
		if pair != "" {
			r.query = append(r.query, pair)
		}
	}
	switch b := body.(type) {
	case nil:
	case io.Reader:
		r.rawBody("application/octet-stream", b)
	case []byte:
		r.setBody("application/json", b)
	case json.RawMessage:
		r.setBody("application/json", b)
	default:
		r.jsonBody(b)
	}
	return c.do(ctx, r, out, opts)
}
