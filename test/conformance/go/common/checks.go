// Package common records conformance checks as JSON lines for conformance.test.ts.
package common

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"

	sdkerrors "github.com/aliyun/alibaba-cloud-sdk-go/sdk/errors"
	"github.com/alibabacloud-go/tea/tea"
)

type Checks struct{ failed []string }

func Env(name string) string {
	v := os.Getenv(name)
	if v == "" {
		line, _ := json.Marshal(map[string]interface{}{"check": "env:" + name, "ok": false, "detail": name + " is not set"})
		fmt.Println(string(line))
		os.Exit(2)
	}
	return v
}

func (c *Checks) Record(name string, ok bool, detail string) {
	if len(detail) > 2000 {
		detail = detail[:2000]
	}
	line, _ := json.Marshal(map[string]interface{}{"check": name, "ok": ok, "detail": detail})
	fmt.Println(string(line))
	if !ok {
		c.failed = append(c.failed, name)
	}
}

// Run records fn's result: "" is success, anything else describes the mismatch.
func (c *Checks) Run(name string, fn func() (string, error)) {
	problem, err := fn()
	if err != nil {
		c.Record(name, false, fmt.Sprintf("%s: %v", Code(err), err))
		return
	}
	c.Record(name, problem == "", problem)
}

// Code is the service error code carried by an SDK error (legacy ServerError or tea SDKError).
func Code(err error) string {
	var se *sdkerrors.ServerError
	if errors.As(err, &se) {
		return se.ErrorCode()
	}
	var te *tea.SDKError
	if errors.As(err, &te) {
		return tea.StringValue(te.Code)
	}
	return fmt.Sprintf("%T", err)
}

func (c *Checks) ExpectError(name string, fn func() error, codes ...string) {
	err := fn()
	if err == nil {
		c.Record(name, false, "the call succeeded; expected "+strings.Join(codes, " or "))
		return
	}
	got := Code(err)
	ok := false
	for _, want := range codes {
		ok = ok || got == want
	}
	c.Record(name, ok, fmt.Sprintf("got %s: %v; expected %s", got, err, strings.Join(codes, " or ")))
}

func (c *Checks) ExpectFailure(name string, fn func() error, mustMention ...string) {
	err := fn()
	if err == nil {
		c.Record(name, false, "the call succeeded; expected a failure mentioning "+strings.Join(mustMention, " or "))
		return
	}
	text := strings.ToLower(err.Error())
	ok := false
	for _, w := range mustMention {
		ok = ok || strings.Contains(text, strings.ToLower(w))
	}
	c.Record(name, ok, err.Error())
}

func (c *Checks) Output(values map[string]string) {
	line, _ := json.Marshal(map[string]interface{}{"output": values})
	fmt.Println(string(line))
}

func (c *Checks) Finish() {
	if len(c.failed) > 0 {
		fmt.Fprintln(os.Stderr, "FAILED: "+strings.Join(c.failed, ", "))
		os.Exit(1)
	}
	os.Exit(0)
}
