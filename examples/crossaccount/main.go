// Command crossaccount tells how an IAM user of one account assumes a role of another: the role's trust policy must trust the user's account and the user's own policy must allow sts:AssumeRole; either alone is not enough (AWS IAM User Guide, "Cross-account policy evaluation logic").
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
		fmt.Fprintln(os.Stderr, "crossaccount:", err)
		os.Exit(1)
	}
}
