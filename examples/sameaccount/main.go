// Command sameaccount tells how an IAM user assumes a role of its own account: the role's trust policy names the account, and the user's identity policy must allow sts:AssumeRole (AWS IAM User Guide, "Grant a user permissions to switch roles").
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
		fmt.Fprintln(os.Stderr, "sameaccount:", err)
		os.Exit(1)
	}
}
