// Command saml tells how a corporate directory's users get a role session through SAML 2.0 federation (AWS IAM User Guide, "SAML 2.0 federation").
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
		fmt.Fprintln(os.Stderr, "saml:", err)
		os.Exit(1)
	}
}
