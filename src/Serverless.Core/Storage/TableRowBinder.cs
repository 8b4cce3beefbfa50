using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.Serialization;
using Azure.Data.Tables;

namespace Serverless.Core.Storage;

/// <summary>
/// Binds a row read as a <see cref="TableEntity"/> to an entity class, the way the SDK binds a typed query. A query of
/// an article's partition returns two kinds of row (the record and the outputs' state) in one request, and only an
/// untyped query can; the SDK keeps its binder internal (Azure/azure-sdk-for-net#28975), so this does the same for the
/// property types the entities use.
/// </summary>
internal static class TableRowBinder
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Writable = new();

    public static T Bind<T>(TableEntity row) where T : ITableEntity, new()
    {
        var entity = new T { PartitionKey = row.PartitionKey, RowKey = row.RowKey, Timestamp = row.Timestamp, ETag = row.ETag };
        foreach (var property in Writable.GetOrAdd(typeof(T), PropertiesOf))
        {
            if (row.TryGetValue(property.Name, out var value) && value is not null)
            {
                property.SetValue(entity, Convert(value, Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType, property.Name));
            }
        }
        return entity;
    }

    private static PropertyInfo[] PropertiesOf(Type type) =>
    [
        .. type.GetProperties(BindingFlags.Instance | BindingFlags.Public)
            .Where(property => property is { CanWrite: true, CanRead: true } && property.GetCustomAttribute<IgnoreDataMemberAttribute>() is null
                && property.Name is not (nameof(ITableEntity.PartitionKey) or nameof(ITableEntity.RowKey) or nameof(ITableEntity.Timestamp) or nameof(ITableEntity.ETag))),
    ];

    private static object Convert(object value, Type type, string name) => value switch
    {
        _ when type.IsInstanceOfType(value) => value,
        DateTime time when type == typeof(DateTimeOffset) => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
        IConvertible when type.IsPrimitive => System.Convert.ChangeType(value, type, System.Globalization.CultureInfo.InvariantCulture),
        _ => throw new InvalidOperationException($"The table property '{name}' holds a {value.GetType().Name}, which cannot be read as {type.Name}."),
    };
}
