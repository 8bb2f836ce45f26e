// Command webidentity tells how a mobile app's signed-in users get a role session through web identity federation with Amazon Cognito, and guests do not (AWS IAM User Guide, "OIDC federation").
package main

import "github.com/iamsim/iamsim/examples/internal/story"

func main() { story.Main("webidentity", design(), tell) }
