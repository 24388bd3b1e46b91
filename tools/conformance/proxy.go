package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"

	validator "github.com/pb33f/libopenapi-validator"
	verrors "github.com/pb33f/libopenapi-validator/errors"
)

// exchange is what the proxy saw of one request and its answer.
type exchange struct {
	method, url string
	body        string // the start of the request body
	// validator lists what libopenapi-validator found wrong in the request;
	// spec what it found wrong in the spec itself (specFault).
	validator []string
	spec      []string
	status    int    // Prism's status
	prism     string // Prism's reason for refusing it: sl-violations, or its body
}

// proxy stands between the generated client and Prism: it checks each
// request against the spec with libopenapi-validator, forwards it to Prism
// without the server's base path, and records both verdicts under the
// operation the driver named in conformanceHeader.
type proxy struct {
	validator  validator.Validator
	serverPath string
	prism      string
	client     *http.Client
	index      int // the spec's, as Prism's crash lines name it
	crashes    *crashes

	mu   sync.Mutex
	seen map[string][]exchange
}

const conformanceHeader = "X-Oagen-Conformance"

func (p *proxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	id := r.Header.Get(conformanceHeader)
	r.Header.Del(conformanceHeader)
	body, err := io.ReadAll(io.LimitReader(r.Body, 64<<20))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	ex := exchange{method: r.Method, url: r.URL.String(), body: oneLine(string(body), 300)}

	vr := r.Clone(r.Context())
	vr.Body = io.NopCloser(bytes.NewReader(body))
	if ok, errs := p.validator.ValidateHttpRequestSync(vr); !ok {
		for _, e := range errs {
			msg := e.Message
			if e.Reason != "" && e.Reason != e.Message {
				msg += ": " + e.Reason
			}
			for _, se := range e.SchemaValidationErrors {
				if se != nil {
					msg += "; " + se.FieldPath + ": " + se.Reason
				}
			}
			if specFault(e) {
				ex.spec = append(ex.spec, oneLine(msg, 300))
				continue
			}
			ex.validator = append(ex.validator, oneLine(msg, 300))
		}
	}

	target := p.prism + strings.TrimPrefix(r.URL.EscapedPath(), p.serverPath)
	if r.URL.RawQuery != "" {
		target += "?" + r.URL.RawQuery
	}
	ctx, cancel := context.WithCancel(r.Context())
	defer cancel()
	fr, err := http.NewRequestWithContext(ctx, r.Method, target, bytes.NewReader(body))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	fr.Header = r.Header.Clone()
	fr.Host = r.Host
	res, err := p.forward(fr, cancel)
	if err != nil {
		ex.status, ex.prism = http.StatusBadGateway, err.Error()
		p.record(id, ex)
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer res.Body.Close()
	resBody, _ := io.ReadAll(io.LimitReader(res.Body, 64<<20))
	ex.status = res.StatusCode
	if res.StatusCode >= 300 {
		ex.prism = prismReason(res.Header.Get("sl-violations"), resBody)
	}
	p.record(id, ex)
	for k, vs := range res.Header {
		for _, v := range vs {
			w.Header().Add(k, v)
		}
	}
	w.WriteHeader(res.StatusCode)
	w.Write(resBody)
}

// forward sends fr to Prism. When Prism crashes on it (prism.js names the
// request; Prism then never answers it), it fails at once with "Prism
// crashed: REASON" instead of after the client's timeout.
func (p *proxy) forward(fr *http.Request, cancel func()) (*http.Response, error) {
	type answer struct {
		res *http.Response
		err error
	}
	var crashed <-chan string
	if p.crashes != nil {
		var stop func()
		crashed, stop = p.crashes.watch(fmt.Sprintf("%d %s %s", p.index, fr.Method, fr.URL.RequestURI()))
		defer stop()
	}
	done := make(chan answer, 1)
	go func() {
		res, err := p.client.Do(fr)
		done <- answer{res, err}
	}()
	select {
	case a := <-done:
		if a.err != nil {
			return nil, fmt.Errorf("proxy: %w", a.err)
		}
		return a.res, nil
	case reason := <-crashed:
		cancel()
		<-done
		return nil, prismCrash{reason}
	}
}

// prismCrash is a request Prism crashed on.
type prismCrash struct{ reason string }

func (e prismCrash) Error() string { return "Prism crashed: " + e.reason }

func (p *proxy) record(id string, ex exchange) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.seen[id] = append(p.seen[id], ex)
}

// prismReason is Prism's account of a refusal: the violations of its
// sl-violations header, else the detail or validation list of its
// problem+json body.
func prismReason(violations string, body []byte) string {
	type violation struct {
		Location []any  `json:"location"`
		Message  string `json:"message"`
	}
	var vs []violation
	if violations != "" && json.Unmarshal([]byte(violations), &vs) == nil && len(vs) > 0 {
		var parts []string
		for _, v := range vs {
			loc := make([]string, len(v.Location))
			for i, l := range v.Location {
				loc[i] = fmt.Sprint(l)
			}
			parts = append(parts, strings.Join(loc, ".")+": "+v.Message)
		}
		return oneLine(strings.Join(parts, "; "), 300)
	}
	var problem struct {
		Title      string      `json:"title"`
		Detail     string      `json:"detail"`
		Validation []violation `json:"validation"`
	}
	if json.Unmarshal(body, &problem) == nil {
		if len(problem.Validation) > 0 {
			b, _ := json.Marshal(problem.Validation)
			return prismReason(string(b), nil)
		}
		if problem.Detail != "" || problem.Title != "" {
			return oneLine(strings.TrimSpace(problem.Title+": "+problem.Detail), 300)
		}
	}
	return oneLine(string(body), 200)
}

// specFault reports whether a finding of libopenapi-validator is about the
// spec rather than the request: a security requirement naming a scheme the
// components do not declare. No request can satisfy it.
func specFault(e *verrors.ValidationError) bool {
	return e.ValidationType == "security" && strings.HasPrefix(e.Message, "Security scheme '") && strings.HasSuffix(e.Message, "' is missing")
}

// oneLine makes s one line of at most n bytes.
func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > n {
		s = s[:n] + "..."
	}
	return s
}
