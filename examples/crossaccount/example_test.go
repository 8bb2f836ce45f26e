package main

import "os"

// dave's account is trusted and his policy allows the call: he gets in. erin is trusted but her policy does not allow it; mallory's policy allows it but her account is not trusted: both are refused.
func Example() {
	set, err := design().Build()
	if err != nil {
		panic(err)
	}
	if err := tell(os.Stdout, set); err != nil {
		panic(err)
	}
	// Output:
	// arn:aws:iam::222222222222:user/dave assumes PhotoReader: arn:aws:sts::111111111111:assumed-role/PhotoReader/photos, expires 2026-12-07T13:00:00Z
	// the session reads a photo:
	//     Allow: arn:aws:sts::111111111111:assumed-role/PhotoReader/photos to perform s3:GetObject on arn:aws:s3:::photos/cat.jpg is allowed by statement 0 of the identity-based policy (read-photos:4:5).
	// arn:aws:iam::222222222222:user/erin assumes PhotoReader: refused: sts: AccessDenied: User: arn:aws:iam::222222222222:user/erin is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::111111111111:role/PhotoReader
	// arn:aws:iam::333333333333:user/mallory assumes PhotoReader: refused: sts: AccessDenied: User: arn:aws:iam::333333333333:user/mallory is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::111111111111:role/PhotoReader
	// why arn:aws:iam::222222222222:user/erin is refused:
	//     ImplicitDeny: arn:aws:iam::222222222222:user/erin sts:AssumeRole on arn:aws:iam::111111111111:role/PhotoReader
	//     no statement allows it (identity)
	//       Allow by statement 0 of the trust policy of arn:aws:iam::111111111111:role/PhotoReader [trust-PhotoReader:4:5]
	// why arn:aws:iam::333333333333:user/mallory is refused:
	//     ImplicitDeny: arn:aws:iam::333333333333:user/mallory sts:AssumeRole on arn:aws:iam::111111111111:role/PhotoReader
	//     no statement allows it (resource)
	//       Allow by statement 0 of inline policy "may-assume-PhotoReader" of arn:aws:iam::333333333333:user/mallory [may-assume-PhotoReader:4:5]
}
