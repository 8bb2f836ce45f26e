// Command abac tells attribute-based access control with session tags: one policy lets each team's sessions reach only the resources tagged with their team, through ${aws:PrincipalTag/team} (AWS IAM User Guide, "Define permissions based on attributes with ABAC authorization").
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
		fmt.Fprintln(os.Stderr, "abac:", err)
		os.Exit(1)
	}
}
