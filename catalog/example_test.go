package catalog_test

import (
	"fmt"

	"github.com/iamsim/iamsim/catalog"
)

func ExampleLookupAction() {
	a, _ := catalog.LookupAction("s3", "listbucket")
	fmt.Println(a.Name, a.Resources[len(a.Resources)-1].Type, a.SupportsKey("s3:prefix"))
	// Output: ListBucket bucket true
}

func ExampleLookupKey() {
	k, _ := catalog.LookupKey("aws:ResourceTag/team")
	fmt.Println(k.Name, k.Type, k.Global())
	k, _ = catalog.LookupKey("aws:TagKeys")
	fmt.Println(k.Type, k.Type.Multivalued())
	// Output:
	// aws:ResourceTag/${TagKey} String true
	// ArrayOfString true
}

func ExampleLookupResourceType() {
	rt, _ := catalog.LookupResourceType("dynamodb", "table")
	fmt.Println(rt.ARNs[0])
	// Output: arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}
}
