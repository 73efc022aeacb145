using System.Text;
using Webhook.Admission;

namespace Webhook.Tests.Admission;

/// <summary>request.dryRun reaches the view: a dry run must record no Event.</summary>
public sealed class AdmissionReaderDryRunTests
{
    [Theory]
    [InlineData("\"dryRun\":true,", true)]
    [InlineData("\"dryRun\":false,", false)]
    [InlineData("", false)]
    [InlineData("\"dryRun\":\"true\",", false)]
    public void Read_DryRun_IsTrueOnlyForJsonTrue(string field, bool expected)
    {
        var review = Encoding.UTF8.GetBytes("{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"u\"," + field
            + "\"kind\":{\"group\":\"\",\"version\":\"v1\",\"kind\":\"Pod\"},\"object\":{}}}");

        Assert.Equal(expected, AdmissionReader.Read(review).DryRun);
    }
}
