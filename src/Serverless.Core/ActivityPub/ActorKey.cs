using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Serverless.Core.ActivityPub;

/// <summary>
/// The site actor's RSA key pair: read from the configured PEM (a Key Vault reference on Azure) or file; a missing file
/// is made once (RSA 2048), written beside under a temporary name and moved into place, so two instances starting
/// together end up with the same key.
/// </summary>
public sealed class ActorKey : IDisposable
{
    public const int KeySize = 2048;

    private readonly Lazy<RSA> _rsa;

    public ActorKey(IOptions<ActivityPubOptions> options) => _rsa = new Lazy<RSA>(() => Load(options.Value));

    public string PublicKeyPem => _rsa.Value.ExportSubjectPublicKeyInfoPem();

    public byte[] Sign(byte[] data) => _rsa.Value.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    private static RSA Load(ActivityPubOptions options)
    {
        var rsa = RSA.Create();
        if (!string.IsNullOrWhiteSpace(options.PrivateKeyPem))
        {
            rsa.ImportFromPem(options.PrivateKeyPem);
            return rsa;
        }
        var file = options.PrivateKeyFile ?? throw new InvalidOperationException("ActivityPub is off: set ActivityPub:PrivateKeyFile or ActivityPub:PrivateKeyPem.");
        if (!File.Exists(file))
        {
            using var created = RSA.Create(KeySize);
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
            var temporary = file + "." + Guid.NewGuid().ToString("N") + ".tmp";
            File.WriteAllText(temporary, created.ExportPkcs8PrivateKeyPem());
            try
            {
                File.Move(temporary, file, overwrite: false);
            }
            catch (IOException) when (File.Exists(file))
            {
                File.Delete(temporary); // another process made it first: its key is the one
            }
        }
        rsa.ImportFromPem(File.ReadAllText(file));
        return rsa;
    }

    public void Dispose()
    {
        if (_rsa.IsValueCreated)
        {
            _rsa.Value.Dispose();
        }
    }
}
