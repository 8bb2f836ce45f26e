// Package examples holds runnable stories of IAM roles, one directory per
// way a role delegates access, each a main package (go run
// ./examples/NAME) with an Example whose output go test checks, its
// policies written as Go values and kept as JSON files (an export per
// account, an overlay, and each policy alone under policies/) that
// iamsim check, iamsim authorize and iamsim who-can read, and its
// decisions as scenarios.json, which iamsim eval replays; go test
// -update rewrites the files from the Go values:
//
//   - ec2: the founding scenario, an application on an EC2 instance reading
//     the photos bucket through its instance profile and STS instance
//     credentials (its files are photos/, which iamsim eval
//     photos/scenario.json runs);
//   - sameaccount: an IAM user assumes a role of its own account;
//   - crossaccount: a user of another account assumes a role (both sides
//     must allow);
//   - auditor: a third party assumes a role with an external ID;
//   - webidentity: a mobile app's users through Amazon Cognito;
//   - saml: a corporate directory's users through SAML 2.0;
//   - guardrails: a permissions boundary and an SCP cut what a role grants;
//   - abac: session tags and ${aws:PrincipalTag/team}.
//
// The Example functions of this package are the same stories told with
// the engine alone, request by request.
package examples
