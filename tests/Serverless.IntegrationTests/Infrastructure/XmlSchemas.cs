using System.Xml;
using System.Xml.Schema;

namespace Serverless.IntegrationTests.Infrastructure;

/// <summary>Validation of the site's XML against the schemas in <c>Schemas/</c>.</summary>
public static class XmlSchemas
{
    public static XmlSchemaSet Load(params string[] files)
    {
        var schemas = new XmlSchemaSet();
        foreach (var file in files)
        {
            schemas.Add(null, Path.Combine(AppContext.BaseDirectory, "Schemas", file));
        }
        schemas.Compile();
        return schemas;
    }

    /// <summary>Asserts that <paramref name="xml"/> is valid, warnings included.</summary>
    public static void AssertValid(string xml, XmlSchemaSet schemas)
    {
        var errors = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = schemas };
        settings.ValidationFlags |= XmlSchemaValidationFlags.ReportValidationWarnings;
        settings.ValidationEventHandler += (_, e) => errors.Add($"{e.Severity} {e.Exception?.LineNumber}:{e.Exception?.LinePosition} {e.Message}");
        using var reader = XmlReader.Create(new StringReader(xml), settings);
        while (reader.Read())
        {
        }
        Assert.Empty(errors);
    }
}
