// SigV4 against the worked examples of AWS's documentation ("Signature Calculations for the
// Authorization Header", Amazon S3 API reference; "Examples of how to derive a signing key", IAM
// user guide): the same inputs must give the same canonical request, signing key and signature.
#include "assembly/documents/sigv4.h"

#include <gtest/gtest.h>

namespace sigv4 = assembly::documents::sigv4;

namespace {

constexpr std::time_t k20130524 = 1369353600;  // 2013-05-24T00:00:00Z
const char* kEmptySha = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

sigv4::Credentials example() {
  return {"AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "us-east-1", "s3"};
}

}  // namespace

TEST(SigV4, HashesAndDates) {
  EXPECT_EQ(sigv4::sha256_hex(""), kEmptySha);
  EXPECT_EQ(sigv4::amz_date(k20130524), "20130524T000000Z");
  EXPECT_EQ(sigv4::uri_encode("/test$file.text", true), "/test%24file.text");
  EXPECT_EQ(sigv4::uri_encode("a b/c~", false), "a%20b%2Fc~");
}

TEST(SigV4, DerivesTheSigningKeyOfTheIamExample) {
  sigv4::Credentials c{"", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "us-east-1", "iam"};
  constexpr std::time_t k20120215 = 1329264000;  // 2012-02-15
  EXPECT_EQ(sigv4::hex(sigv4::signing_key(c, k20120215)),
            "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d");
}

TEST(SigV4, SignsTheGetObjectExample) {
  sigv4::Request r;
  r.method = "GET";
  r.path = "/test.txt";
  r.payload_sha256 = kEmptySha;
  r.headers = {{"Host", "examplebucket.s3.amazonaws.com"},
               {"Range", "bytes=0-9"},
               {"x-amz-content-sha256", kEmptySha},
               {"x-amz-date", "20130524T000000Z"}};
  const auto canonical = sigv4::canonical_request(r);
  EXPECT_EQ(canonical,
            "GET\n/test.txt\n\nhost:examplebucket.s3.amazonaws.com\nrange:bytes=0-9\n"
            "x-amz-content-sha256:" +
                std::string(kEmptySha) +
                "\nx-amz-date:20130524T000000Z\n\nhost;range;x-amz-content-sha256;x-amz-date\n" +
                kEmptySha);
  EXPECT_EQ(sigv4::sha256_hex(canonical),
            "7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972");
  EXPECT_EQ(sigv4::authorization(example(), k20130524, r),
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
            "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, "
            "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
}

TEST(SigV4, SignsThePutObjectExample) {
  const std::string body = "Welcome to Amazon S3.";
  sigv4::Request r;
  r.method = "PUT";
  r.path = "/test$file.text";
  r.payload_sha256 = sigv4::sha256_hex(body);
  EXPECT_EQ(r.payload_sha256, "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072");
  r.headers = {{"Host", "examplebucket.s3.amazonaws.com"},
               {"Date", "Fri, 24 May 2013 00:00:00 GMT"},
               {"x-amz-date", "20130524T000000Z"},
               {"x-amz-storage-class", "REDUCED_REDUNDANCY"},
               {"x-amz-content-sha256", r.payload_sha256}};
  EXPECT_EQ(sigv4::authorization(example(), k20130524, r),
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
            "SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class, "
            "Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd");
}

TEST(SigV4, SortsAndEncodesTheQuery) {
  sigv4::Request r;
  r.method = "GET";
  r.path = "/";
  r.query = {{"max-keys", "2"}, {"prefix", "J"}};
  r.payload_sha256 = kEmptySha;
  r.headers = {{"Host", "examplebucket.s3.amazonaws.com"},
               {"x-amz-content-sha256", kEmptySha},
               {"x-amz-date", "20130524T000000Z"}};
  // The "GET Bucket (List Objects)" example.
  EXPECT_EQ(sigv4::authorization(example(), k20130524, r),
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
            "SignedHeaders=host;x-amz-content-sha256;x-amz-date, "
            "Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7");
}
