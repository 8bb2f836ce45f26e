// Command guardrails tells how a permissions boundary and a service control policy cut what a role's own policy grants: an action must be allowed by every one of them (AWS IAM User Guide, "Policy evaluation logic").
package main

import (
	"fmt"
	"os"
)

func main() {
	set, err := design().Build()
	if err == nil {
		err = tell(os.Stdout, set)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "guardrails:", err)
		os.Exit(1)
	}
}
