namespace Serverless.Core.Storage;

public enum IndexTable
{
    Titles,
    Citations,
    Keywords,
}
