package main

import (
	"regexp"
	"testing"

	"github.com/pb33f/libopenapi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFromPatternMatchesAndKeepsLength(t *testing.T) {
	for _, tc := range []struct {
		pattern        string
		minLen, maxLen int
	}{
		{`^\+[1-9]\d{1,14}$`, 0, 100},
		{`^[A-Z]{2}$`, 0, 100},
		{`^[a-z0-9-]+$`, 5, 10},
		{`^(foo|bar)_[0-9]*$`, 8, 100},
		{`[a-f0-9]{8}-[a-f0-9]{4}`, 0, 100},
	} {
		got, ok := fromPattern(tc.pattern, tc.minLen, tc.maxLen)
		require.True(t, ok, tc.pattern)
		assert.Regexp(t, regexp.MustCompile(tc.pattern), got, tc.pattern)
		assert.GreaterOrEqual(t, len(got), tc.minLen, tc.pattern)
		assert.LessOrEqual(t, len(got), tc.maxLen, tc.pattern)
	}
	_, ok := fromPattern(`^(?=a)a$`, 0, 10) // ECMAScript lookahead: Go has none
	assert.False(t, ok)
}

func TestValueHonoursTheSchema(t *testing.T) {
	spec := `openapi: 3.1.0
info: {title: t, version: "1"}
paths: {}
components:
  schemas:
    Thing:
      type: object
      required: [id, count, ratio, code, tags, kind, when, name]
      properties:
        id: {type: string, format: uuid}
        count: {type: integer, minimum: 10, multipleOf: 5}
        ratio: {type: number, exclusiveMinimum: 2, maximum: 3}
        code: {type: string, pattern: '^[A-Z]{3}$'}
        tags: {type: array, minItems: 2, items: {type: string, minLength: 8}}
        kind: {type: string, enum: [big, small]}
        when: {type: string, format: date}
        name: {type: string, example: Rex}
        secret: {type: string, readOnly: true}
        optional: {type: string}
    Either:
      type: object
      properties:
        name: {type: string}
        email: {type: string}
      anyOf:
        - required: [email]
        - required: [name]
    Merged:
      allOf:
        - type: object
          required: [a]
          properties:
            a: {type: boolean}
        - required: [b]
          properties:
            b: {type: integer, maximum: 0}
`
	doc, err := libopenapi.NewDocument([]byte(spec))
	require.NoError(t, err)
	m, err := doc.BuildV3Model()
	require.NoError(t, err)
	schemas := m.Model.Components.Schemas
	assert.JSONEq(t, `{"id":"182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e","count":10,"ratio":2.0000000000000004,"code":"AAA","tags":["stringaa","stringaa"],"kind":"big","when":"2024-01-02","name":"Rex"}`,
		string(value(schemas.GetOrZero("Thing"))))
	assert.JSONEq(t, `{"email":"string"}`, string(value(schemas.GetOrZero("Either"))))
	assert.JSONEq(t, `{"a":true,"b":0}`, string(value(schemas.GetOrZero("Merged"))))
}
