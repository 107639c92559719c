import com.example.bots.MTAyNDc1.handlers.Ready;
import org.example.Nzk1.util.Strings;
