package gen

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/oagen-dev/oagen/internal/model"
)

// reporter prints what a run has to say on stderr: as "gen: ..." lines for
// people, or with -json as one JSON object a line for machines.
type reporter struct {
	w    io.Writer
	json bool
}

// jsonDiagnostic is one line of gen -json. The field names are part of
// gen's interface: add fields, never rename them.
type jsonDiagnostic struct {
	Severity string      `json:"severity"` // "error", "warning" or "info"
	Code     model.Code  `json:"code"`     // stable, e.g. "unknown-format"; see model.Codes
	File     string      `json:"file,omitempty"`
	Line     int         `json:"line,omitempty"`
	Column   int         `json:"column,omitempty"`
	Pointer  string      `json:"pointer,omitempty"` // JSON pointer within File
	Message  string      `json:"message"`
	Related  []jsonPlace `json:"related,omitempty"` // other places involved
}

type jsonPlace struct {
	File    string `json:"file,omitempty"`
	Line    int    `json:"line,omitempty"`
	Column  int    `json:"column,omitempty"`
	Pointer string `json:"pointer,omitempty"`
}

// Severities.
const (
	severityError   = "error"
	severityWarning = "warning"
	severityInfo    = "info"
)

// codeSummary is the code of the info line a successful run ends with.
const codeSummary model.Code = "summary"

func (r reporter) writeJSON(d jsonDiagnostic) {
	line, err := json.Marshal(d)
	if err != nil {
		panic(err) // strings and ints only
	}
	fmt.Fprintf(r.w, "%s\n", line)
}

// diagnostic prints one diagnostic of the spec or the config.
func (r reporter) diagnostic(d *model.Diagnostic, severity string) {
	if !r.json {
		if severity == severityWarning {
			fmt.Fprintf(r.w, "gen: warning: %s\n", d.Error())
		} else {
			fmt.Fprintf(r.w, "gen: %s\n", d.Error())
		}
		return
	}
	j := jsonDiagnostic{
		Severity: severity, Code: d.Code(),
		File: d.Pos.File, Line: d.Pos.Line, Column: d.Pos.Col, Pointer: d.FilePointer(),
		Message: d.Message,
	}
	for _, rel := range d.Related {
		j.Related = append(j.Related, jsonPlace{File: rel.Pos.File, Line: rel.Pos.Line, Column: rel.Pos.Col, Pointer: rel.FilePointer()})
	}
	r.writeJSON(j)
}

// error prints err: each diagnostic it holds, else its text.
func (r reporter) error(err error) {
	var ds model.Diagnostics
	if errors.As(err, &ds) {
		for _, d := range ds {
			r.diagnostic(d, severityError)
		}
		return
	}
	r.message(severityError, model.CodeUnclassified, err.Error())
}

// message prints a line that is about no place in the spec.
func (r reporter) message(severity string, code model.Code, msg string) {
	if r.json {
		r.writeJSON(jsonDiagnostic{Severity: severity, Code: code, Message: msg})
		return
	}
	fmt.Fprintf(r.w, "gen: %s\n", msg)
}
