// Command webidentity tells how a mobile app's signed-in users get a role session through web identity federation with Amazon Cognito, and guests do not (AWS IAM User Guide, "OIDC federation").
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
		fmt.Fprintln(os.Stderr, "webidentity:", err)
		os.Exit(1)
	}
}
