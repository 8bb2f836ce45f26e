// Command auditor tells how a third-party auditor assumes a role with the external ID agreed with it, and is refused without it (AWS IAM User Guide, "Access to AWS accounts owned by third parties").
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
		fmt.Fprintln(os.Stderr, "auditor:", err)
		os.Exit(1)
	}
}
